package dev.keepalivelab.settings;

import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.settings.ValueKind.DurationAtLeast;
import dev.keepalivelab.settings.ValueKind.EmptyOr;
import dev.keepalivelab.settings.ValueKind.IntRange;
import dev.keepalivelab.settings.ValueKind.OffOr;
import dev.keepalivelab.settings.ValueKind.OffOrInt;
import dev.keepalivelab.settings.ValueKind.Switch;
import dev.keepalivelab.settings.ValueKind.Text;

import dev.keepalivelab.text.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the lab: its name, default, kind of value and documentation, in one place. The {@link ValueKind}
 * parses a setting's text, refuses what it does not allow and says what it allows.
 * Servlet settings are init-params (camelCase) and embedded-main flags (kebab-case); server settings
 * exist only where a connector is configured (the embedded main, {@code mvn jetty:run}, jetty-config).
 * web.xml, {@code --help} and the table in docs/settings.md are all rendered from this enum; the demo page
 * shows each servlet setting's description in English or Chinese.
 */
public enum Setting {
    CONNECTION(Scope.SERVLET, "connection", "keep-alive", SettingKinds.POLICY, "",
            "Connection policy of image responses: keep-alive keeps the connection open where the protocol"
                    + " allows, close closes it after the response, default leaves it to the container and the client.",
            "图片响应的连接策略：keep-alive 在协议允许时保持连接（长连接），close 在响应后关闭连接（短连接），default 交给容器和客户端决定。"),
    PAGE_CONNECTION(Scope.SERVLET, "pageConnection", "default", SettingKinds.POLICY, "",
            "The same policy for the HTML page and the lab's other responses (/connections, errors).",
            "HTML 页面及实验室其他响应（/connections、错误响应）的连接策略，取值同上。"),
    MAX_REQUESTS_PER_CONNECTION(Scope.SERVLET, "maxRequestsPerConnection", "0", new IntRange(0, Integer.MAX_VALUE),
            "nginx keepalive_requests, httpd MaxKeepAliveRequests, Tomcat maxKeepAliveRequests",
            "The Nth response on a connection carries Connection: close and the connection closes; 0 means unlimited.",
            "同一连接上的第 N 个响应带上 Connection: close，随后关闭连接；0 表示不限。"),
    MAX_CONNECTION_AGE(Scope.SERVLET, "maxConnectionAge", "off", new OffOr<>(new DurationAtLeast(Duration.ofMillis(1), "1m, 1500ms")),
            "nginx keepalive_time",
            "A connection older than this, counted from its first request, is closed after its current response.",
            "连接从第一个请求算起，存活超过这个时长后，在当前响应结束时关闭。"),
    CLOSE_PATHS(Scope.SERVLET, "closePaths", "", SettingKinds.GLOBS,
            "nginx location with keepalive_timeout 0",
            "Responses to matching paths always carry Connection: close, whatever connection says.",
            "匹配这些路径的响应一律带 Connection: close，无论 connection 设为什么。"),
    KEEP_ALIVE_DISABLE(Scope.SERVLET, "keepAliveDisable", "",
            new EmptyOr<>(Text.checked(Values::regex, "a Java regular expression"), "none"),
            "nginx keepalive_disable, Tomcat restrictedUserAgents",
            "Clients whose User-Agent contains a match get Connection: close.",
            "User-Agent 中含有匹配内容的客户端会收到 Connection: close。"),
    KEEP_ALIVE_TIMEOUT(Scope.SERVLET, "keepAliveTimeout", "off", new OffOr<>(new DurationAtLeast(LabSettings.MIN_KEEP_ALIVE_TIMEOUT, "5s, 1500ms")),
            "nginx keepalive_timeout's header_timeout, httpd's Keep-Alive header",
            "Advertise Keep-Alive: timeout=<seconds>[, max=<requests left>] on responses kept alive under the"
                    + " keep-alive policy (whole seconds, rounded down; the default policy sends none); off sends no"
                    + " Keep-Alive header.",
            "在 keep-alive 策略下保持连接的响应上通告 Keep-Alive: timeout=<秒数>[, max=<剩余请求数>]（整秒，向下取整；default 策略不发送）；off 不发送 Keep-Alive 头。"),
    CACHE_CONTROL(Scope.SERVLET, "cacheControl", "no-store", Text.checked(Values::headerValue,
            "any header value of visible ASCII characters and spaces", "empty for none"),
            "", "Cache-Control of page and images, so that a reload shows the connections again.",
            "页面和图片的 Cache-Control，使每次刷新都重新请求，连接情况也随之重新显示。"),
    CONNECTION_HEADERS(Scope.SERVLET, "connectionHeaders", "true", new Switch(), "",
            "Send X-Connection-Label (c1, c2, ... in order of first sight) and X-Connection-Request (the request's"
                    + " 1-based index on its connection) on every response.",
            "在每个响应上发送 X-Connection-Label（c1、c2……按首次出现的顺序编号）和 X-Connection-Request（该请求在所在连接上的序号，从 1 开始）。"),
    ALLOW_OVERRIDES(Scope.SERVLET, "allowOverrides", "true", new Switch(), "",
            "Let ?connection=keep-alive|close|default on a request override the policy for that response; the"
                    + " page carries it into its image URLs. false ignores the parameter.",
            "允许请求用 ?connection=keep-alive|close|default 覆盖该响应的连接策略，页面会把它带进图片的 URL；false 则忽略这个参数。"),
    ALLOW_FAULTS(Scope.SERVLET, "allowFaults", "true", new Switch(), "",
            "Let ?fault=NAME on a request ask for a connection fault on its response (see the faults table); false"
                    + " ignores the parameter. Faults hold a connection, never a thread, for at most "
                    + Durations.format(Fault.MAX_DURATION) + " beyond the server's timeouts.",
            "允许请求用 ?fault=NAME 为自己的响应要一个连接故障（见故障表）；false 则忽略这个参数。故障占用的是连接而不是线程，"
                    + "在服务器的超时之外最多 " + Durations.format(Fault.MAX_DURATION) + "。"),
    FAULT(Scope.SERVLET, "fault", "off", new OffOr<>(SettingKinds.FAULT), "",
            "A connection fault for the responses faultOn selects, server-wide (?fault= on a request wins). Some need"
                    + " a server that controls its sockets: the embedded main does; a servlet container offers delay and drip"
                    + " only.",
            "对 faultOn 选中的响应施加的全局连接故障（请求上的 ?fault= 优先）。有些故障需要能直接控制套接字的服务器："
                    + "内嵌的 main 可以；Servlet 容器只能做 delay 和 drip。"),
    FAULT_ON(Scope.SERVLET, "faultOn", "all", SettingKinds.FAULT_SELECTOR, "",
            "Which responses get the server-wide fault; /connections never does, so that its record can always be read.",
            "哪些响应会得到全局故障；/connections 永远不会，这样总能读到记录。"),
    HISTORY_SIZE(Scope.SERVLET, "historySize", "1000", new IntRange(1, 100_000), "",
            "How many recent requests, and how many recent connections, GET /connections remembers.",
            "GET /connections 记住多少个最近的请求，以及多少个最近的连接。"),
    CONTROL(Scope.SERVLET, "control", "loopback", SettingKinds.CONTROL, "WireMock's /__admin, toxiproxy's REST API",
            "Who may drive the lab at run time through its control API (/control/...: arm and disarm faults, clear the"
                    + " record; docs/control-api.md): loopback, clients on this machine only (behind a proxy on the same"
                    + " machine every client is one); on, any client; off, none (403).",
            "谁可以在运行时通过控制 API（/control/...：布置和撤除故障、清空记录；见 docs/control-api.md）操纵实验室："
                    + "loopback 只允许本机客户端（经同一台机器上的代理转发时，每个客户端都算本机）；on 允许任何客户端；off 一律拒绝（403）。"),
    HOST(Scope.SERVER, "host", "0.0.0.0", Text.checked(Values::host, "a host name or IP address to listen on"),
            "nginx listen",
            "Interface the connector listens on.",
            "连接器监听的网络接口。"),
    PORT(Scope.SERVER, "port", "8080", SettingKinds.PORT_NUMBER, "nginx listen",
            "TCP port the connector listens on.",
            "连接器监听的 TCP 端口。"),
    HTTPS_PORT(Scope.SERVER, "httpsPort", "off", new OffOrInt(SettingKinds.PORT_NUMBER), "nginx listen ... ssl",
            "Also serve HTTPS on this TCP port, on the same host, with the same settings. Without --keystore the lab makes a"
                    + " self-signed certificate for localhost, 127.0.0.1 and ::1 at start and prints its SHA-256 SPKI"
                    + " fingerprint.",
            "同时在这个 TCP 端口上提供 HTTPS，主机和设置都相同。未指定 --keystore 时，实验室在启动时为 localhost、127.0.0.1 和 ::1 生成自签名证书，并打印它的 SHA-256 SPKI 指纹。"),
    HTTPS_HTTP1_PORT(Scope.SERVER, "httpsHttp1Port", "off", new OffOrInt(SettingKinds.PORT_NUMBER),
            "nginx listen ... ssl without http2",
            "Also serve HTTPS that offers HTTP/1.1 only (no h2 in ALPN) on this TCP port, with the same certificate: a"
                    + " browser that speaks HTTP/2 on --https-port speaks HTTP/1.1 here, so the page can show keep-alive and"
                    + " close over TLS beside HTTP/2, one click each.",
            "同时在这个 TCP 端口上提供只支持 HTTP/1.1 的 HTTPS（ALPN 中没有 h2），证书相同：在 --https-port 上使用 HTTP/2 的浏览器，在这里使用 HTTP/1.1，于是页面可以在 HTTP/2 之外，再展示 TLS 上的 keep-alive 和 close，各只需点击一次。"),
    HTTP2(Scope.SERVER, "http2", "on", SettingKinds.ON_OFF, "nginx http2 on, Jetty http2 and http2c modules",
            "on offers HTTP/2 beside HTTP/1.1: over TLS by ALPN (h2, then http/1.1), on the plain port as h2c (prior"
                    + " knowledge or Upgrade: h2c); off serves HTTP/1.1 only on both ports. --no-keep-alive serves HTTP/1.1"
                    + " only too, since an HTTP/2 connection is persistent by design.",
            "on 在 HTTP/1.1 之外提供 HTTP/2：TLS 上通过 ALPN 协商（先 h2，后 http/1.1），明文端口上为 h2c（prior knowledge 或 Upgrade: h2c）；off 在两个端口上都只提供 HTTP/1.1。--no-keep-alive 同样只提供 HTTP/1.1，因为 HTTP/2 连接按设计就是持久连接。"),
    MAX_CONCURRENT_STREAMS(Scope.SERVER, "maxConcurrentStreams", "128", new IntRange(1, Integer.MAX_VALUE),
            "nginx http2_max_concurrent_streams, Jetty maxConcurrentStreams",
            "The most HTTP/2 streams (requests in flight) a client may open at once on one connection, announced in the"
                    + " server's SETTINGS frame.",
            "客户端在一个连接上最多可同时打开的 HTTP/2 流（进行中的请求）数，在服务器的 SETTINGS 帧中通告。"),
    KEYSTORE(Scope.SERVER, "keystore", "", new EmptyOr<>(Text.checked(Values::filePath, "a PKCS12 keystore file holding a"
            + " private key and its certificate chain (needs --https-port and --keystore-password-env)"),
            "a self-signed certificate made at start"),
            "nginx ssl_certificate and ssl_certificate_key",
            "The server's certificate and key for HTTPS.",
            "HTTPS 使用的服务器证书和私钥。"),
    KEYSTORE_PASSWORD_ENV(Scope.SERVER, "keystorePasswordEnv", "", new EmptyOr<>(Text.checked(Values::environmentVariableName,
            "the name of a set environment variable (letters, digits and _, not starting with a digit; needs --keystore)"),
            "none"),
            "", "The environment variable that holds --keystore's password, so that the password never shows on a command"
                    + " line (ps).",
            "存放 --keystore 密码的环境变量，这样密码就不会出现在命令行上（ps 可见）。"),
    IDLE_TIMEOUT(Scope.SERVER, "idleTimeout", "30s", new DurationAtLeast(Duration.ofMillis(1), "30s, 1500ms, 2m"),
            "nginx keepalive_timeout, httpd KeepAliveTimeout, Tomcat keepAliveTimeout",
            "The connector's idle timeout: how long an idle kept-alive connection lives before the server closes it.",
            "连接器的空闲超时：保持着的连接空闲多久后由服务器关闭。"),
    REQUEST_TIMEOUT(Scope.SERVER, "requestTimeout", "off", new OffOr<>(new DurationAtLeast(Duration.ofMillis(1), "10s")),
            "Tomcat connectionTimeout (vs keepAliveTimeout)",
            "Idle timeout while a request is in progress (from its dispatch to the end of its response), distinct from"
                    + " the idle timeout between requests; off uses the idle timeout throughout.",
            "请求处理期间（从分派到响应结束）的空闲超时，有别于请求之间的空闲超时；off 表示全程使用空闲超时。"),
    NO_KEEP_ALIVE(Scope.SERVER, "noKeepAlive", "false", new Switch(),
            "nginx keepalive_timeout 0, httpd KeepAlive Off, Jetty persistentConnectionsEnabled=false",
            "Disable persistent connections at the connector: every response closes its connection, whatever the"
                    + " lab's policy.",
            "在连接器上禁用持久连接：无论实验室的策略如何，每个响应之后都关闭连接。"),
    MAX_CONNECTIONS(Scope.SERVER, "maxConnections", "0", new IntRange(0, Integer.MAX_VALUE),
            "nginx worker_connections, Tomcat maxConnections, Jetty NetworkConnectionLimit",
            "The most connections open at once; at the cap the server stops accepting, and further connections wait in"
                    + " the kernel's accept queue, unanswered, until one closes; 0 means unlimited.",
            "同时打开的连接数上限；达到上限后服务器停止接受新连接，后来的连接在内核的 accept 队列中等待、得不到应答，直到有连接关闭；0 表示不限。"),
    ENGINE(Scope.SERVER, "engine", "core", SettingKinds.ENGINE, "",
            "How the embedded main serves the lab: core, a non-blocking Jetty core Handler that answers on the thread"
                    + " that parsed the request (fastest); servlet, the WAR's servlet in a Jetty ee10 servlet context, as"
                    + " mvn jetty:run and a deployed WAR run it. Both run the same lab code and behave the same on the wire.",
            "内嵌主程序以哪种方式运行实验室：core 是非阻塞的 Jetty core Handler，在解析请求的线程上直接应答（最快）；servlet 在 Jetty ee10 servlet 上下文中运行 WAR 的 servlet，与 mvn jetty:run 和部署的 WAR 一样。两者运行同一套实验室代码，在网络上的行为相同。"),
    ACCESS_LOG(Scope.SERVER, "accessLog", "off",
            new OffOr<>(Text.checked(Values::filePath, "- for standard output", "a file path")),
            "nginx access_log with $connection $connection_requests",
            "Write an access log: NCSA combined format plus the connection label, the request's index on its"
                    + " connection and what became of the connection (such as kept/policy, closed/request-timeout). Standard output gets each line as it happens; a file gets"
                    + " them in 64 KB blocks, at least every second and at stop (nginx's buffer=64k flush=1s).",
            "写访问日志：NCSA combined 格式，外加连接标签、请求在所在连接上的序号，以及连接的去向（如 kept/policy、closed/request-timeout）。写到标准输出时逐行即时写入；写到文件时按 64 KB 分块写入，至少每秒一次，停止时也会写入（同 nginx 的 buffer=64k flush=1s）。");

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

    /** What only the embedded main's {@link #KEEP_ALIVE_TIMEOUT} flag takes beside the init-param's values. */
    static final String AUTO_KEEP_ALIVE_TIMEOUT = "auto (advertise --idle-timeout minus 1s, rounded down to whole seconds;"
            + " needs --idle-timeout of at least 2s)";

    private final Scope scope;
    private final String paramName;
    private final String defaultValue;
    private final ValueKind<?> kind;
    private final String equivalents;
    private final String description;
    private final String chineseDescription;

    Setting(Scope scope, String paramName, String defaultValue, ValueKind<?> kind, String equivalents, String description,
            String chineseDescription) {
        this.scope = scope;
        this.paramName = paramName;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.equivalents = equivalents;
        this.description = description;
        this.chineseDescription = chineseDescription;
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

    /** How this setting's text parses, formats and describes its allowed values. */
    public ValueKind<?> kind() {
        return kind;
    }

    public String allowedValues() {
        return kind.allowed();
    }

    /** What only the embedded main's flag takes beside the init-param's values; empty for most settings. */
    public String flagOnlyValues() {
        return this == KEEP_ALIVE_TIMEOUT ? AUTO_KEEP_ALIVE_TIMEOUT : "";
    }

    /** What the embedded main's flag accepts: the init-param's values, plus {@code auto} for the keep-alive timeout. */
    public String flagAllowedValues() {
        return flagOnlyValues().isEmpty() ? allowedValues() : allowedValues() + ", or " + flagOnlyValues();
    }

    /** The controls of nginx, httpd, Tomcat or Jetty that this setting mirrors; empty where none does. */
    public String equivalents() {
        return equivalents;
    }

    /** A true/false setting, which as a flag may be given without a value to mean true. */
    public boolean isSwitch() {
        return kind instanceof Switch;
    }

    public String description() {
        return description;
    }

    /** The description in Simplified Chinese, for the demo page; everything else the lab writes is English. */
    public String chineseDescription() {
        return chineseDescription;
    }

    public static List<Setting> inScope(Scope scope) {
        return Arrays.stream(values()).filter(s -> s.scope == scope).toList();
    }

    public static Optional<Setting> byParamName(String name) {
        return Arrays.stream(values()).filter(s -> s.paramName.equals(name)).findFirst();
    }
}
