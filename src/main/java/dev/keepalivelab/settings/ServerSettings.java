package dev.keepalivelab.settings;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The connector settings of the embedded main, parsed and valid.
 *
 * @param host        interface to listen on
 * @param port        TCP port; 0 picks a free one
 * @param httpsPort   TCP port of the HTTPS connector, on the same host; 0 picks a free one; empty for no HTTPS
 * @param httpsHttp1Port TCP port of a second HTTPS connector that offers HTTP/1.1 only; 0 picks a free one; empty for none
 * @param http2       true to offer HTTP/2 beside HTTP/1.1 (h2 over TLS, h2c on the plain port)
 * @param maxConcurrentStreams the most HTTP/2 streams a client may open at once on one connection
 * @param keystore    the PKCS12 keystore holding the HTTPS certificate; empty for a self-signed one made at start
 * @param keystorePasswordEnv the environment variable that holds the keystore's password; present exactly when
 *                    {@code keystore} is
 * @param idleTimeout how long an idle connection lives before the server closes it
 * @param requestTimeout the idle timeout while a request is in progress; empty to use {@code idleTimeout} throughout
 * @param noKeepAlive    true to disable persistent connections at the connector
 * @param maxConnections the most connections open at once, over both connectors; 0 for unlimited
 * @param accessLog      where the access log goes: {@code -} for standard output, a file path, or empty for none
 * @param engine         how the lab is served
 */
public record ServerSettings(String host, int port, OptionalInt httpsPort, OptionalInt httpsHttp1Port, boolean http2,
                             int maxConcurrentStreams,
                             Optional<String> keystore, Optional<String> keystorePasswordEnv,
                             Duration idleTimeout, Optional<Duration> requestTimeout,
                             boolean noKeepAlive, int maxConnections, Optional<String> accessLog,
                             Engine engine) {
    public static final String STANDARD_OUTPUT = "-";
    /** Jetty's default, and nginx's http2_max_concurrent_streams. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 128;

    public ServerSettings {
        if (keystore.isPresent() && httpsPort.isEmpty() && httpsHttp1Port.isEmpty()) {
            throw new InvalidSettingException(Setting.KEYSTORE.flag(), Setting.KEYSTORE.flag() + " needs "
                    + Setting.HTTPS_PORT.flag() + " or " + Setting.HTTPS_HTTP1_PORT.flag() + ": without them the lab serves no HTTPS.");
        }
        if (keystore.isPresent() && keystorePasswordEnv.isEmpty()) {
            throw new InvalidSettingException(Setting.KEYSTORE.flag(), Setting.KEYSTORE.flag() + " needs "
                    + Setting.KEYSTORE_PASSWORD_ENV.flag() + " NAME: the keystore's password comes from the environment variable NAME.");
        }
        if (keystorePasswordEnv.isPresent() && keystore.isEmpty()) {
            throw new InvalidSettingException(Setting.KEYSTORE_PASSWORD_ENV.flag(), Setting.KEYSTORE_PASSWORD_ENV.flag()
                    + " needs " + Setting.KEYSTORE.flag() + ": it names the variable that holds the keystore's password.");
        }
    }

    /** The defaults, listening on {@code host}:{@code port} with {@code idleTimeout}: what tests and tools need. */
    public static ServerSettings of(String host, int port, Duration idleTimeout) {
        return new ServerSettings(host, port, OptionalInt.empty(), OptionalInt.empty(), true, DEFAULT_MAX_CONCURRENT_STREAMS,
                Optional.empty(), Optional.empty(), idleTimeout, Optional.empty(), false, 0, Optional.empty(), Engine.CORE);
    }

    public static ServerSettings from(SettingSource source) {
        return new ServerSettings(
                Setting.HOST.read(source, Values::host),
                Setting.PORT.read(source, t -> Values.intInRange(t, 0, 65535)),
                Setting.HTTPS_PORT.read(source, t -> Values.offOrIntInRange(t, 0, 65535)),
                Setting.HTTPS_HTTP1_PORT.read(source, t -> Values.offOrIntInRange(t, 0, 65535)),
                Setting.HTTP2.read(source, Values::onOff),
                Setting.MAX_CONCURRENT_STREAMS.read(source, t -> Values.intInRange(t, 1, Integer.MAX_VALUE)),
                Setting.KEYSTORE.read(source, t -> t.isEmpty() ? Optional.empty() : Optional.of(Values.filePath(t))),
                Setting.KEYSTORE_PASSWORD_ENV.read(source,
                        t -> t.isEmpty() ? Optional.empty() : Optional.of(Values.environmentVariableName(t))),
                Setting.IDLE_TIMEOUT.read(source, t -> Values.duration(t, Duration.ofMillis(1))),
                Setting.REQUEST_TIMEOUT.read(source, t -> Values.offOrDuration(t, Duration.ofMillis(1))),
                Setting.NO_KEEP_ALIVE.read(source, Values::bool),
                Setting.MAX_CONNECTIONS.read(source, t -> Values.intInRange(t, 0, Integer.MAX_VALUE)),
                Setting.ACCESS_LOG.read(source, t -> t.equals(Values.OFF) ? Optional.empty() : Optional.of(Values.filePath(t))),
                Setting.ENGINE.read(source, Values::engine));
    }

    /** Whether HTTP/2 is served: asked for, and connections may persist (an HTTP/2 connection always does). */
    public boolean servesHttp2() {
        return http2 && !noKeepAlive;
    }

    /** These settings, logging to {@code accessLog}. */
    public ServerSettings withAccessLog(String accessLog) {
        return toBuilder().accessLog(Optional.of(accessLog)).build();
    }

    /** These settings, with {@code requestTimeout} while a request is in progress. */
    public ServerSettings withRequestTimeout(Duration requestTimeout) {
        return toBuilder().requestTimeout(Optional.of(requestTimeout)).build();
    }

    /** These settings, closing idle connections after {@code idleTimeout}. */
    public ServerSettings withIdleTimeout(Duration idleTimeout) {
        return toBuilder().idleTimeout(idleTimeout).build();
    }

    /** These settings, with persistent connections disabled at the connector ({@code --no-keep-alive}). */
    public ServerSettings withNoKeepAlive() {
        return toBuilder().noKeepAlive(true).build();
    }

    /** These settings, with at most {@code maxConnections} connections open at once. */
    public ServerSettings withMaxConnections(int maxConnections) {
        return toBuilder().maxConnections(maxConnections).build();
    }

    /** These settings, served by {@code engine}. */
    public ServerSettings withEngine(Engine engine) {
        return toBuilder().engine(engine).build();
    }

    /** These settings, also serving HTTPS on {@code httpsPort} (0 for a free port). */
    public ServerSettings withHttpsPort(int httpsPort) {
        return toBuilder().httpsPort(OptionalInt.of(httpsPort)).build();
    }

    /** These settings, also serving HTTPS with HTTP/1.1 only on {@code port} (0 for a free port). */
    public ServerSettings withHttpsHttp1Port(int port) {
        return toBuilder().httpsHttp1Port(OptionalInt.of(port)).build();
    }

    /** These settings, serving HTTPS with the keystore {@code file}, whose password is in the environment variable {@code passwordEnv}. */
    public ServerSettings withKeystore(String file, String passwordEnv) {
        return toBuilder().keystore(Optional.of(file)).keystorePasswordEnv(Optional.of(passwordEnv)).build();
    }

    /** These settings, with HTTP/2 on or off. */
    public ServerSettings withHttp2(boolean http2) {
        return toBuilder().http2(http2).build();
    }

    /** These settings, allowing {@code maxConcurrentStreams} HTTP/2 streams per connection. */
    public ServerSettings withMaxConcurrentStreams(int maxConcurrentStreams) {
        return toBuilder().maxConcurrentStreams(maxConcurrentStreams).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Server settings field by field, for the withers and tests; {@link #build()} checks them as the record does. */
    public static final class Builder {
        private String host;
        private int port;
        private OptionalInt httpsPort;
        private OptionalInt httpsHttp1Port;
        private boolean http2;
        private int maxConcurrentStreams;
        private Optional<String> keystore;
        private Optional<String> keystorePasswordEnv;
        private Duration idleTimeout;
        private Optional<Duration> requestTimeout;
        private boolean noKeepAlive;
        private int maxConnections;
        private Optional<String> accessLog;
        private Engine engine;

        private Builder(ServerSettings s) {
            host = s.host;
            port = s.port;
            httpsPort = s.httpsPort;
            httpsHttp1Port = s.httpsHttp1Port;
            http2 = s.http2;
            maxConcurrentStreams = s.maxConcurrentStreams;
            keystore = s.keystore;
            keystorePasswordEnv = s.keystorePasswordEnv;
            idleTimeout = s.idleTimeout;
            requestTimeout = s.requestTimeout;
            noKeepAlive = s.noKeepAlive;
            maxConnections = s.maxConnections;
            accessLog = s.accessLog;
            engine = s.engine;
        }

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder httpsPort(OptionalInt value) { httpsPort = value; return this; }
        public Builder httpsHttp1Port(OptionalInt value) { httpsHttp1Port = value; return this; }
        public Builder http2(boolean value) { http2 = value; return this; }
        public Builder maxConcurrentStreams(int value) { maxConcurrentStreams = value; return this; }
        public Builder keystore(Optional<String> value) { keystore = value; return this; }
        public Builder keystorePasswordEnv(Optional<String> value) { keystorePasswordEnv = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder requestTimeout(Optional<Duration> value) { requestTimeout = value; return this; }
        public Builder noKeepAlive(boolean value) { noKeepAlive = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder accessLog(Optional<String> value) { accessLog = value; return this; }
        public Builder engine(Engine value) { engine = value; return this; }

        public ServerSettings build() {
            return new ServerSettings(host, port, httpsPort, httpsHttp1Port, http2, maxConcurrentStreams, keystore,
                    keystorePasswordEnv, idleTimeout, requestTimeout, noKeepAlive, maxConnections, accessLog, engine);
        }
    }
}
