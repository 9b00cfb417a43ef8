package dev.keepalivelab.embedded;

import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;

/** Everything the embedded main needs to start: connector settings and servlet settings. */
record LaunchConfig(ServerSettings server, LabSettings lab) {
}
