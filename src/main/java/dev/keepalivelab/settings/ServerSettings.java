package dev.keepalivelab.settings;

import java.time.Duration;
import java.util.Optional;

/**
 * The connector settings of the embedded main, parsed and valid.
 *
 * @param host        interface to listen on
 * @param port        TCP port; 0 picks a free one
 * @param idleTimeout how long an idle connection lives before the server closes it
 * @param accessLog   where the access log goes: {@code -} for standard output, a file path, or empty for none
 */
public record ServerSettings(String host, int port, Duration idleTimeout, Optional<String> accessLog) {
    public static final String STANDARD_OUTPUT = "-";

    public static ServerSettings from(SettingSource source) {
        return new ServerSettings(
                Setting.HOST.read(source, Values::nonBlank),
                Setting.PORT.read(source, t -> Values.intInRange(t, 0, 65535)),
                Setting.IDLE_TIMEOUT.read(source, t -> Values.duration(t, Duration.ofMillis(1))),
                Setting.ACCESS_LOG.read(source, t -> t.equals("off") ? Optional.empty() : Optional.of(Values.nonBlank(t))));
    }
}
