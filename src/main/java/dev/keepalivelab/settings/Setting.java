package dev.keepalivelab.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the lab: its name, default, allowed values and documentation, in one place.
 * Servlet settings are init-params (camelCase) and embedded-main flags (kebab-case); server settings
 * exist only where a connector is configured (the embedded main, {@code mvn jetty:run}, jetty-config).
 * web.xml, {@code --help} and the README table are all rendered from this enum.
 */
public enum Setting {
    CONNECTION(Scope.SERVLET, "connection", "keep-alive", "keep-alive, close or default", "",
            "Connection policy of image responses: keep-alive keeps the connection open where the protocol"
                    + " allows, close closes it after the response, default leaves it to the container and the client."),
    PAGE_CONNECTION(Scope.SERVLET, "pageConnection", "default", "keep-alive, close or default", "",
            "The same policy for the HTML page and the lab's other responses (/connections, errors)."),
    MAX_REQUESTS_PER_CONNECTION(Scope.SERVLET, "maxRequestsPerConnection", "0", "an integer from 0 to 2147483647",
            "nginx keepalive_requests, httpd MaxKeepAliveRequests, Tomcat maxKeepAliveRequests",
            "The Nth response on a connection carries Connection: close and the connection closes; 0 means unlimited."),
    MAX_CONNECTION_AGE(Scope.SERVLET, "maxConnectionAge", "off", "off, or a duration of at least 1ms (such as 1m, 1500ms)",
            "nginx keepalive_time",
            "A connection older than this, counted from its first request, is closed after its current response."),
    CLOSE_PATHS(Scope.SERVLET, "closePaths", "", "a comma-separated list of path globs (* and ?, such as test11*.jpg), or empty for none",
            "nginx location with keepalive_timeout 0",
            "Responses to matching paths always carry Connection: close, whatever connection says."),
    KEEP_ALIVE_DISABLE(Scope.SERVLET, "keepAliveDisable", "", "a Java regular expression, or empty for none",
            "nginx keepalive_disable, Tomcat restrictedUserAgents",
            "Clients whose User-Agent contains a match get Connection: close."),
    KEEP_ALIVE_TIMEOUT(Scope.SERVLET, "keepAliveTimeout", "off", "off, or a duration of at least 1s (such as 5s, 1500ms)",
            "nginx keepalive_timeout's header_timeout, httpd's Keep-Alive header",
            "Advertise Keep-Alive: timeout=<seconds>[, max=<requests left>] on responses kept alive under the"
                    + " keep-alive policy (whole seconds, rounded down; the default policy sends none); off sends no"
                    + " Keep-Alive header."),
    CACHE_CONTROL(Scope.SERVLET, "cacheControl", "no-store", "any header value of visible ASCII characters and spaces, or empty for none",
            "", "Cache-Control of page and images, so that a reload shows the connections again."),
    CONNECTION_HEADERS(Scope.SERVLET, "connectionHeaders", "true", "true or false", "",
            "Send X-Connection-Label (c1, c2, ... in order of first sight) and X-Connection-Request (the request's"
                    + " 1-based index on its connection) on every response."),
    ALLOW_OVERRIDES(Scope.SERVLET, "allowOverrides", "true", "true or false", "",
            "Let ?connection=keep-alive|close|default on a request override the policy for that response; the"
                    + " page carries it into its image URLs. false ignores the parameter."),
    ALLOW_FAULTS(Scope.SERVLET, "allowFaults", "true", "true or false", "",
            "Let ?fault=NAME on a request ask for a connection fault on its response (see the faults table); false"
                    + " ignores the parameter. Faults hold a connection, never a thread, for at most "
                    + Values.format(Fault.MAX_DURATION) + " beyond the server's timeouts."),
    FAULT(Scope.SERVLET, "fault", "off", "off, or " + Fault.ALLOWED, "",
            "A connection fault for the responses faultOn selects, server-wide (?fault= on a request wins). Some need"
                    + " a server that controls its sockets: the embedded main does; a servlet container offers delay and drip"
                    + " only."),
    FAULT_ON(Scope.SERVLET, "faultOn", "all", "all, request=N (the Nth request on each connection, N from 1), or"
            + " paths=GLOB[,GLOB...] (closePaths' globs)", "",
            "Which responses get the server-wide fault; /connections never does, so that its record can always be read."),
    HISTORY_SIZE(Scope.SERVLET, "historySize", "1000", "an integer from 1 to 100000", "",
            "How many recent requests, and how many recent connections, GET /connections remembers."),
    HOST(Scope.SERVER, "host", "0.0.0.0", "a host name or IP address to listen on", "nginx listen",
            "Interface the connector listens on."),
    PORT(Scope.SERVER, "port", "8080", "an integer from 0 to 65535 (0 picks a free port)", "nginx listen",
            "TCP port the connector listens on."),
    HTTPS_PORT(Scope.SERVER, "httpsPort", "off", "off, or an integer from 0 to 65535 (0 picks a free port)", "nginx listen ... ssl",
            "Also serve HTTPS on this TCP port, on the same host, with the same settings. Without --keystore the lab makes a"
                    + " self-signed certificate for localhost, 127.0.0.1 and ::1 at start and prints its SHA-256 SPKI"
                    + " fingerprint."),
    HTTPS_HTTP1_PORT(Scope.SERVER, "httpsHttp1Port", "off", "off, or an integer from 0 to 65535 (0 picks a free port)",
            "nginx listen ... ssl without http2",
            "Also serve HTTPS that offers HTTP/1.1 only (no h2 in ALPN) on this TCP port, with the same certificate: a"
                    + " browser that speaks HTTP/2 on --https-port speaks HTTP/1.1 here, so the page can show keep-alive and"
                    + " close over TLS beside HTTP/2, one click each."),
    HTTP2(Scope.SERVER, "http2", "on", "on or off", "nginx http2 on, Jetty http2 and http2c modules",
            "on offers HTTP/2 beside HTTP/1.1: over TLS by ALPN (h2, then http/1.1), on the plain port as h2c (prior"
                    + " knowledge or Upgrade: h2c); off serves HTTP/1.1 only on both ports. --no-keep-alive serves HTTP/1.1"
                    + " only too, since an HTTP/2 connection is persistent by design."),
    MAX_CONCURRENT_STREAMS(Scope.SERVER, "maxConcurrentStreams", "128", "an integer from 1 to 2147483647",
            "nginx http2_max_concurrent_streams, Jetty maxConcurrentStreams",
            "The most HTTP/2 streams (requests in flight) a client may open at once on one connection, announced in the"
                    + " server's SETTINGS frame."),
    KEYSTORE(Scope.SERVER, "keystore", "", "a PKCS12 keystore file holding a private key and its certificate chain (needs"
            + " --https-port and --keystore-password-env), or empty for a self-signed certificate made at start",
            "nginx ssl_certificate and ssl_certificate_key",
            "The server's certificate and key for HTTPS."),
    KEYSTORE_PASSWORD_ENV(Scope.SERVER, "keystorePasswordEnv", "", "the name of a set environment variable (letters, digits"
            + " and _, not starting with a digit; needs --keystore), or empty for none",
            "", "The environment variable that holds --keystore's password, so that the password never shows on a command"
                    + " line (ps)."),
    IDLE_TIMEOUT(Scope.SERVER, "idleTimeout", "30s", "a duration of at least 1ms (such as 30s, 1500ms, 2m)",
            "nginx keepalive_timeout, httpd KeepAliveTimeout, Tomcat keepAliveTimeout",
            "The connector's idle timeout: how long an idle kept-alive connection lives before the server closes it."),
    REQUEST_TIMEOUT(Scope.SERVER, "requestTimeout", "off", "off, or a duration of at least 1ms (such as 10s)",
            "Tomcat connectionTimeout (vs keepAliveTimeout)",
            "Idle timeout while a request is in progress (from its dispatch to the end of its response), distinct from"
                    + " the idle timeout between requests; off uses the idle timeout throughout."),
    NO_KEEP_ALIVE(Scope.SERVER, "noKeepAlive", "false", "true or false",
            "nginx keepalive_timeout 0, httpd KeepAlive Off, Jetty persistentConnectionsEnabled=false",
            "Disable persistent connections at the connector: every response closes its connection, whatever the"
                    + " lab's policy."),
    MAX_CONNECTIONS(Scope.SERVER, "maxConnections", "0", "an integer from 0 to 2147483647",
            "nginx worker_connections, Tomcat maxConnections, Jetty NetworkConnectionLimit",
            "The most connections open at once; at the cap the server stops accepting, and further connections wait in"
                    + " the kernel's accept queue, unanswered, until one closes; 0 means unlimited."),
    ENGINE(Scope.SERVER, "engine", "core", "core or servlet", "",
            "How the embedded main serves the lab: core, a non-blocking Jetty core Handler that answers on the thread"
                    + " that parsed the request (fastest); servlet, the WAR's servlet in a Jetty ee10 servlet context, as"
                    + " mvn jetty:run and a deployed WAR run it. Both run the same lab code and behave the same on the wire."),
    ACCESS_LOG(Scope.SERVER, "accessLog", "off", "off, - for standard output, or a file path",
            "nginx access_log with $connection $connection_requests",
            "Write an access log: NCSA combined format plus the connection label, the request's index on its"
                    + " connection and what became of the connection (such as kept/policy, closed/request-timeout). Standard output gets each line as it happens; a file gets"
                    + " them in 64 KB blocks, at least every second and at stop (nginx's buffer=64k flush=1s).");

    /** Where a setting can be given. */
    public enum Scope {
        /** A servlet init-param, available in every way of running the lab. */
        SERVLET,
        /**
         * A server setting of the embedded main: its connector (which mvn jetty:run and jetty-config set by their own
         * means), its engine and its access log.
         */
        SERVER
    }

    private final Scope scope;
    private final String paramName;
    private final String defaultValue;
    private final String allowedValues;
    private final String equivalents;
    private final String description;

    Setting(Scope scope, String paramName, String defaultValue, String allowedValues, String equivalents, String description) {
        this.scope = scope;
        this.paramName = paramName;
        this.defaultValue = defaultValue;
        this.allowedValues = allowedValues;
        this.equivalents = equivalents;
        this.description = description;
    }

    public Scope scope() {
        return scope;
    }

    /** The camelCase name: the servlet init-param name for servlet settings. */
    public String paramName() {
        return paramName;
    }

    /** The kebab-case command-line flag of the embedded main, e.g. {@code --max-requests-per-connection}. */
    public String flag() {
        return "--" + paramName.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String allowedValues() {
        return allowedValues;
    }

    /** What the embedded main's flag accepts: the init-param's values, plus {@code auto} for the keep-alive timeout. */
    public String flagAllowedValues() {
        return this == KEEP_ALIVE_TIMEOUT
                ? allowedValues + ", or auto (advertise --idle-timeout minus 1s, rounded down to whole seconds;"
                        + " needs --idle-timeout of at least 2s)"
                : allowedValues;
    }

    /** The controls of nginx, httpd, Tomcat or Jetty that this setting mirrors; empty where none does. */
    public String equivalents() {
        return equivalents;
    }

    /** A true/false setting, which as a flag may be given without a value to mean true. */
    public boolean isSwitch() {
        return allowedValues.equals("true or false");
    }

    public String description() {
        return description;
    }

    public static List<Setting> inScope(Scope scope) {
        return Arrays.stream(values()).filter(s -> s.scope == scope).toList();
    }

    public static Optional<Setting> byParamName(String name) {
        return Arrays.stream(values()).filter(s -> s.paramName.equals(name)).findFirst();
    }

    /** Parses this setting's value from {@code source}, or its default where the source has none. */
    public <T> T read(SettingSource source, ValueParser<T> parser) {
        String raw = source.valueOf(this);
        String value = raw == null ? defaultValue : raw;
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingException.badValue(source.nameOf(this), value, source.allowedValuesOf(this));
        }
    }
}
