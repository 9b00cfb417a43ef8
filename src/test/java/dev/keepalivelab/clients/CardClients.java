package dev.keepalivelab.clients;

import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.ToolRun;
import okhttp3.OkHttp;
import org.apache.hc.client5.http.impl.classic.HttpClients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real clients {@link ClientCardsIT} grades, each with its version and the commands {@code check} runs. */
final class CardClients {
    static final Path GO_FETCH = Path.of("target/clients/go-fetch");
    static final Path SCRIPTS = Path.of("src/test/clients");
    static final Duration VERSION_LIMIT = Duration.ofSeconds(30);
    static final String URL = "{url}";
    static final String CACERT = "{cacert}";

    private CardClients() {
    }

    /** Something the test learns when it runs: a version, or a command whose tool may be missing. */
    interface Measured<T> {
        T get() throws Exception;
    }

    /**
     * A client the cards grade.
     *
     * @param name    the client and its version, as the table's first column says it
     * @param get     the command that GETs {@value #URL}, following redirects
     * @param post    the command that POSTs a body to {@value #URL}; null where the client has none
     * @param timeout how long one run of its command may take ({@code check --timeout})
     * @param https   whether the lab serves it over HTTPS ({@code check --https}), where it speaks HTTP/2
     */
    record Client(Measured<String> name, Measured<List<String>> get, Measured<List<String>> post, String timeout, boolean https) {
        Client(Measured<String> name, Measured<List<String>> get, Measured<List<String>> post, String timeout) {
            this(name, get, post, timeout, false);
        }
    }

    static List<Client> all() {
        return List.of(
                new Client(() -> "curl " + versionOf(List.of(curl(), "--version"), "^curl (\\S+)"),
                        () -> List.of(curl(), "-sSfL", "-o", "/dev/null", URL),
                        () -> List.of(curl(), "-sSfL", "-d", "ok", "-o", "/dev/null", URL), "30s"),
                new Client(() -> "curl " + versionOf(List.of(curl(), "--version"), "^curl (\\S+)") + ", HTTPS (HTTP/2)",
                        () -> List.of(curl(), "-sSfL", "--cacert", CACERT, "-o", "/dev/null", URL),
                        () -> List.of(curl(), "-sSfL", "--cacert", CACERT, "-d", "ok", "-o", "/dev/null", URL), "30s", true),
                jvm("OkHttp " + OkHttp.VERSION, "okhttp"),
                jvm("Apache HttpClient " + HttpClients.class.getPackage().getImplementationVersion() + " (classic)", "apache"),
                jvm("JDK " + System.getProperty("java.version") + " HttpClient (redirects on)", "jdk"),
                jvm("JDK " + System.getProperty("java.version") + " HttpClient (redirects on, HTTP/1.1)", "jdk-http1"),
                new Client(() -> "Node " + versionOf(List.of(node(), "--version"), "^v(\\S+)") + " fetch (undici)",
                        () -> List.of(node(), SCRIPTS.resolve("fetch.mjs").toString(), URL),
                        () -> List.of(node(), SCRIPTS.resolve("fetch.mjs").toString(), URL, "ok"), "30s"),
                new Client(() -> "Python requests " + versionOf(List.of(python(), "-c", "import requests, urllib3;"
                        + " print('requests', requests.__version__, '(urllib3 ' + urllib3.__version__ + ')')"), "^requests (.+)$"),
                        () -> List.of(python(), SCRIPTS.resolve("requests_fetch.py").toString(), URL),
                        () -> List.of(python(), SCRIPTS.resolve("requests_fetch.py").toString(), URL, "ok"), "30s"),
                new Client(() -> "Go " + versionOf(List.of(go(), "version"), "go version go(\\S+)") + " net/http",
                        () -> List.of(goFetch().toString(), URL),
                        () -> List.of(goFetch().toString(), URL, "ok"), "30s"),
                // Go trusts the certificates of the file SSL_CERT_FILE names, on Linux.
                new Client(() -> "Go " + versionOf(List.of(go(), "version"), "go version go(\\S+)") + " net/http, HTTPS (HTTP/2)",
                        () -> List.of(env(), "SSL_CERT_FILE=" + CACERT, goFetch().toString(), URL),
                        () -> List.of(env(), "SSL_CERT_FILE=" + CACERT, goFetch().toString(), URL, "ok"), "30s", true),
                // A cut response leaves --dump-dom waiting (the load never ends), so its check is bounded shorter.
                new Client(() -> "Chromium " + versionOf(List.of(chromium(), "--version"), "^Chromium (\\S+)") + " (headless, --dump-dom)",
                        CardClients::chromiumCommand, null, "10s"));
    }

    /** A Java client of the test class path, run as {@link JvmFetch} in a JVM of its own. */
    private static Client jvm(String name, String client) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JvmFetch.class.getName(), client, URL);
        List<String> post = new ArrayList<>(command);
        post.add("ok");
        return new Client(() -> name, () -> command, () -> post, "30s");
    }

    /** The first group of {@code version} where it first matches a line of what {@code command} prints. */
    static String versionOf(List<String> command, String version) throws Exception {
        String out = ToolRun.output(command, VERSION_LIMIT);
        Matcher matcher = Pattern.compile(version, Pattern.MULTILINE).matcher(out);
        assertTrue(matcher.find(), "no version " + version + " in what " + command + " printed: " + out);
        return matcher.group(1);
    }

    private static String curl() {
        return ExternalTool.require("curl", "curl").toString();
    }

    private static String node() {
        return ExternalTool.require("node", "nodejs").toString();
    }

    /** Debian's python3, which has python3-requests (the python3 first on the PATH may not). */
    private static String python() {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            ExternalTool.missing("no /usr/bin/python3 (Debian packages python3 and python3-requests)");
        }
        return python.toString();
    }

    private static String env() {
        return ExternalTool.require("env", "coreutils").toString();
    }

    private static String go() {
        return ExternalTool.require("go", "golang-go").toString();
    }

    private static String chromium() {
        return ExternalTool.require("chromium", "chromium").toString();
    }

    /** src/test/clients/go-fetch built with the standard library alone, once per build. */
    private static synchronized Path goFetch() throws Exception {
        if (!Files.isExecutable(GO_FETCH)) {
            Files.createDirectories(GO_FETCH.getParent());
            String out = ToolRun.output(List.of(go(), "build", "-o", GO_FETCH.toString(), SCRIPTS.resolve("go-fetch/main.go").toString()),
                    Duration.ofMinutes(5));
            assertTrue(Files.isExecutable(GO_FETCH), "go build failed: " + out);
        }
        return GO_FETCH;
    }

    private static List<String> chromiumCommand() throws Exception {
        Path profile = Files.createTempDirectory("client-cards-chromium");
        return List.of(chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--dump-dom", URL);
    }
}
