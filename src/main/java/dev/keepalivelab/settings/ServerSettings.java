package dev.keepalivelab.settings;

import java.time.Duration;
import java.util.Optional;

/**
 * The connector settings of the embedded main, parsed and valid.
 *
 * @param host        interface to listen on
 * @param port        TCP port; 0 picks a free one
 * @param idleTimeout how long an idle connection lives before the server closes it
 * @param requestTimeout the idle timeout while a request is in progress; empty to use {@code idleTimeout} throughout
 * @param noKeepAlive    true to disable persistent connections at the connector
 * @param maxConnections the most connections open at once; 0 for unlimited
 * @param accessLog      where the access log goes: {@code -} for standard output, a file path, or empty for none
 * @param engine         how the lab is served
 */
public record ServerSettings(String host, int port, Duration idleTimeout, Optional<Duration> requestTimeout,
                             boolean noKeepAlive, int maxConnections, Optional<String> accessLog,
                             Engine engine) {
    public static final String STANDARD_OUTPUT = "-";

    /** The defaults, listening on {@code host}:{@code port} with {@code idleTimeout}: what tests and tools need. */
    public static ServerSettings of(String host, int port, Duration idleTimeout) {
        return new ServerSettings(host, port, idleTimeout, Optional.empty(), false, 0, Optional.empty(), Engine.CORE);
    }

    public static ServerSettings from(SettingSource source) {
        return new ServerSettings(
                Setting.HOST.read(source, Values::host),
                Setting.PORT.read(source, t -> Values.intInRange(t, 0, 65535)),
                Setting.IDLE_TIMEOUT.read(source, t -> Values.duration(t, Duration.ofMillis(1))),
                Setting.REQUEST_TIMEOUT.read(source, t -> Values.offOrDuration(t, Duration.ofMillis(1))),
                Setting.NO_KEEP_ALIVE.read(source, Values::bool),
                Setting.MAX_CONNECTIONS.read(source, t -> Values.intInRange(t, 0, Integer.MAX_VALUE)),
                Setting.ACCESS_LOG.read(source, t -> t.equals(Values.OFF) ? Optional.empty() : Optional.of(Values.filePath(t))),
                Setting.ENGINE.read(source, Values::engine));
    }

    /** These settings, logging to {@code accessLog}. */
    public ServerSettings withAccessLog(String accessLog) {
        return new ServerSettings(host, port, idleTimeout, requestTimeout, noKeepAlive, maxConnections, Optional.of(accessLog), engine);
    }

    /** These settings, with {@code requestTimeout} while a request is in progress. */
    public ServerSettings withRequestTimeout(Duration requestTimeout) {
        return new ServerSettings(host, port, idleTimeout, Optional.of(requestTimeout), noKeepAlive, maxConnections, accessLog, engine);
    }

    /** These settings, served by {@code engine}. */
    public ServerSettings withEngine(Engine engine) {
        return new ServerSettings(host, port, idleTimeout, requestTimeout, noKeepAlive, maxConnections, accessLog, engine);
    }
}
