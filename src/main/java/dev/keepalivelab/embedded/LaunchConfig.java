package dev.keepalivelab.embedded;

import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;

import java.util.Optional;

/**
 * Everything the embedded main needs to start: connector settings, servlet settings and, with {@code --keystore}, the
 * keys it holds.
 */
record LaunchConfig(ServerSettings server, LabSettings lab, Optional<TlsKeys> keystore) {
    LaunchConfig(ServerSettings server, LabSettings lab) {
        this(server, lab, Optional.empty());
    }
}
