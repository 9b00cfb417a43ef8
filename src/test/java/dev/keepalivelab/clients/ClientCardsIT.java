package dev.keepalivelab.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.checkcmd.CheckCommand;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.ToolRun;
import okhttp3.OkHttp;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client cards of docs/client-checks.md: {@code check -- COMMAND {url}} (the subcommand, in this JVM) for each real
 * client, the way a user runs it, with a command that GETs for every check but stale-post and one that POSTs for
 * stale-post. A cell is the check's verdict; the test fails when one departs from the documented table and prints the
 * table it measured (the whole cards, with the reasons, go to target/client-cards.md); {@code -Dcards.write=true}
 * writes the measured table into the docs instead.
 */
class ClientCardsIT {
    static final String WRITE_PROPERTY = "cards.write";
    static final MarkedTable TABLE = new MarkedTable(Path.of("docs/client-checks.md"),
            "<!-- client cards: measured by ClientCardsIT -->\n", "<!-- client cards end -->");
    static final Path CARDS = Path.of("target/client-cards.md");
    static final Path GO_FETCH = Path.of("target/clients/go-fetch");
    static final Path SCRIPTS = Path.of("src/test/clients");
    static final Duration VERSION_LIMIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String URL = "{url}";
    static final String CACERT = "{cacert}";

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

    static List<Client> clients() {
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
                        ClientCardsIT::chromiumCommand, null, "10s"));
    }

    @Test
    void theDocumentedCardsAreWhatTheClientsDo() throws Exception {
        List<String> checks = new ArrayList<>();
        StringBuilder cards = new StringBuilder("# Client cards, as ClientCardsIT measured them\n");
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Client client : clients()) {
            String name = client.name().get();
            names.add(name);
            Map<String, String> cells = new LinkedHashMap<>();
            List<String> https = client.https() ? List.of("--https") : List.of();
            JsonNode getCard = check(name, client.timeout(), https, client.get().get(), cards);
            List<String> postOptions = new ArrayList<>(https);
            postOptions.addAll(List.of("--checks", "stale-post"));
            JsonNode postCard = client.post() == null ? null : check(name, client.timeout(), postOptions, client.post().get(), cards);
            for (JsonNode line : getCard.get("checks")) {
                String check = line.get("name").asText();
                JsonNode posted = postCard == null ? null : find(postCard, check);
                JsonNode cell = posted != null && posted.get("command").isObject() ? posted : line;
                if (!cell.get("command").isObject() && !check.equals("stale-post")) {
                    continue; // a check no command runs: the card says why
                }
                if (!checks.contains(check)) {
                    checks.add(check);
                }
                cells.put(check, cell.get("verdict").asText());
            }
            cells.put("User-Agent", userAgents(getCard));
            rows.add(cells);
        }
        Files.createDirectories(CARDS.getParent());
        Files.writeString(CARDS, cards);
        String table = table(names, rows, checks);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            TABLE.write(table);
            System.out.println("ClientCardsIT wrote the measured cards into " + TABLE.docs() + ":\n" + table);
            return;
        }
        assertEquals(TABLE.documented(), table, TABLE.docs() + " says otherwise (-D" + WRITE_PROPERTY + "=true writes what was"
                + " measured; the whole cards are in " + CARDS + "); measured:\n" + table);
    }

    /** Runs {@code check --json [options] -- command}; its card, after checking that its exit status agrees with it. */
    private static JsonNode check(String name, String timeout, List<String> options, List<String> command, StringBuilder cards) throws Exception {
        List<String> args = new ArrayList<>(List.of("--json", "--timeout", timeout));
        args.addAll(options);
        args.add("--");
        args.addAll(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CheckCommand.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(status == 0 || status == 1, name + ": check exited " + status + ": " + err);
        JsonNode card = JSON.readTree(out.toString());
        assertEquals(card.get("failed").asInt() > 0 ? 1 : 0, status, name + ": the exit status and the card disagree: " + out);
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).toList(), name + ": processes left by check");
        cards.append("\n## ").append(name).append(options.isEmpty() ? "" : " " + String.join(" ", options)).append("\n\n");
        for (JsonNode line : card.get("checks")) {
            if (line.get("command").isObject()) {
                cards.append("- ").append(line.get("name").asText()).append(": **").append(line.get("verdict").asText()).append("**: ")
                        .append(line.get("reason").asText()).append(" (").append(line.get("command")).append(")\n");
            }
        }
        return card;
    }

    private static JsonNode find(JsonNode card, String check) {
        for (JsonNode line : card.get("checks")) {
            if (line.get("name").asText().equals(check)) {
                return line;
            }
        }
        return null;
    }

    private static String userAgents(JsonNode card) {
        List<String> agents = new ArrayList<>();
        for (JsonNode line : card.get("checks")) {
            line.get("userAgents").forEach(agent -> {
                if (!agents.contains(agent.asText())) {
                    agents.add(agent.asText());
                }
            });
        }
        return agents.isEmpty() ? "(none)" : "`" + String.join("`, `", agents) + "`";
    }

    static String table(List<String> names, List<Map<String, String>> rows, List<String> checks) {
        StringBuilder table = new StringBuilder("| client |");
        checks.forEach(check -> table.append(" `").append(check).append("` |"));
        table.append(" User-Agent the lab saw |\n|---|").append("---|".repeat(checks.size() + 1)).append('\n');
        for (int i = 0; i < names.size(); i++) {
            Map<String, String> cells = rows.get(i);
            table.append("| ").append(names.get(i)).append(" |");
            checks.forEach(check -> table.append(' ').append(cells.getOrDefault(check, "not-run")).append(" |"));
            table.append(' ').append(cells.get("User-Agent")).append(" |\n");
        }
        return table.toString();
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
