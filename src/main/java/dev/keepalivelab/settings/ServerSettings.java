package dev.keepalivelab.settings;

import dev.keepalivelab.text.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The connector settings of the embedded main, parsed and valid. Each component is named after its {@link Setting}
 * row, whose {@link ValueKind} reads it: a new server setting is its row plus its component here.
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
        requireAPortEach(port, httpsPort, httpsHttp1Port);
        if (keystorePasswordEnv.isPresent() && keystore.isEmpty()) {
            throw new InvalidSettingException(Setting.KEYSTORE_PASSWORD_ENV.flag(), Setting.KEYSTORE_PASSWORD_ENV.flag()
                    + " needs " + Setting.KEYSTORE.flag() + ": it names the variable that holds the keystore's password.");
        }
    }

    /** Each listener its own port: two on one port would fail to start with "the port is in use", the lab's own. */
    private static void requireAPortEach(int port, OptionalInt httpsPort, OptionalInt httpsHttp1Port) {
        Map<Integer, Setting> listeners = new LinkedHashMap<>();
        listeners.put(port, Setting.PORT);
        for (Map.Entry<Setting, OptionalInt> https : List.of(Map.entry(Setting.HTTPS_PORT, httpsPort),
                Map.entry(Setting.HTTPS_HTTP1_PORT, httpsHttp1Port))) {
            int given = https.getValue().orElse(0);
            Setting taken = given == 0 ? null : listeners.putIfAbsent(given, https.getKey());
            if (taken != null) {
                throw new InvalidSettingException(https.getKey().flag(), "Invalid value '" + given + "' for "
                        + https.getKey().flag() + ": " + taken.flag() + " listens there already; allowed is a port of its"
                        + " own, or 0 for a free one.");
            }
        }
    }

    /** The defaults, listening on {@code host}:{@code port} with {@code idleTimeout}: what tests and tools start from. */
    public static ServerSettings of(String host, int port, Duration idleTimeout) {
        return from(SettingSource.given(Map.of(Setting.HOST, host, Setting.PORT, Integer.toString(port),
                Setting.IDLE_TIMEOUT, Durations.format(idleTimeout))));
    }

    public static ServerSettings from(SettingSource source) {
        return Fields.RECORD.read(source);
    }

    /** This configuration as setting text, e.g. to show it or to change one setting of it. */
    public String valueOf(Setting setting) {
        return Fields.RECORD.text(this, setting);
    }

    /** These settings with {@code setting} given as {@code text}, checked as its flag would be. */
    public ServerSettings with(Setting setting, String text) {
        return with(Map.of(setting, text));
    }

    /** These settings with some given as text (such as a keystore and its password's variable, which need each other). */
    public ServerSettings with(Map<Setting, String> texts) {
        return Fields.RECORD.with(this, texts);
    }

    /** Whether HTTP/2 is served: asked for, and connections may persist (an HTTP/2 connection always does). */
    public boolean servesHttp2() {
        return http2 && !noKeepAlive;
    }

    /** Made at first use, after {@link Setting}, whose rows it reads. */
    private static final class Fields {
        static final SettingsRecord<ServerSettings> RECORD = SettingsRecord.of(ServerSettings.class, Setting.Scope.SERVER);
    }
}
