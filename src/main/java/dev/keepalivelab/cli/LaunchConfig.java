package dev.keepalivelab.cli;

import dev.keepalivelab.server.TlsKeys;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;

import java.util.Optional;

/**
 * Everything the embedded main needs to start: connector settings, servlet settings and, with {@code --keystore}, the
 * keys it holds.
 */
public record LaunchConfig(ServerSettings server, LabSettings lab, Optional<TlsKeys> keystore) {
    LaunchConfig(ServerSettings server, LabSettings lab) {
        this(server, lab, Optional.empty());
    }
}
