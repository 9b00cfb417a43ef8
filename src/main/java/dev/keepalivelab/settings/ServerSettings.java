package dev.keepalivelab.settings;

import java.time.Duration;

/**
 * The connector settings of the embedded main, parsed and valid.
 *
 * @param host        interface to listen on
 * @param port        TCP port; 0 picks a free one
 * @param idleTimeout how long an idle connection lives before the server closes it
 */
public record ServerSettings(String host, int port, Duration idleTimeout) {

    public static ServerSettings from(SettingSource source) {
        return new ServerSettings(
                Setting.HOST.read(source, Values::nonBlank),
                Setting.PORT.read(source, t -> Values.intInRange(t, 0, 65535)),
                Setting.IDLE_TIMEOUT.read(source, t -> Values.duration(t, Duration.ofMillis(1))));
    }
}
