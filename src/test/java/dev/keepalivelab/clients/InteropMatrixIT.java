package dev.keepalivelab.clients;

import dev.keepalivelab.lab.page.LabContent;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The interop matrix of docs/testing-clients.md: each connection control that ends a connection on purpose, against
 * each real client, on HTTP/1.1 and HTTP/2 where the client speaks it, and nginx 1.22 where it has the control. A cell
 * says how many of the requests were answered and on how many connections (the lab's record, or nginx's log, and the
 * client's own account where it gives one). The test fails when a cell departs from the documented table, and prints
 * the table it measured; {@code -Dmatrix.write=true} writes the measured table into the docs instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropMatrixIT {
    static final String WRITE_PROPERTY = "matrix.write";
    static final int REQUESTS = 12;
    static final Duration MAX_AGE = Duration.ofMillis(150);
    /** The pause between requests against an age limit, so that twelve of them outlive it: about four per connection. */
    static final Duration AGE_GAP = Duration.ofMillis(60);
    private static final Pattern ERROR_CLASS = Pattern.compile("([A-Z][A-Za-z0-9]*Exception):");

    /** A control of the lab that ends connections on purpose, and the lab settings that set it. */
    enum Control {
        MAX_REQUESTS("`maxRequestsPerConnection` 5", Map.of("maxRequestsPerConnection", "5"), MatrixNginx.Control.KEEPALIVE_REQUESTS),
        MAX_AGE("`maxConnectionAge` 150ms", Map.of("maxConnectionAge", InteropMatrixIT.MAX_AGE.toMillis() + "ms"),
                MatrixNginx.Control.KEEPALIVE_TIME),
        CLOSE_PATHS("`closePaths` (4th, 8th)", Map.of("closePaths", "test4.jpg,test12.jpg"), null),
        USER_AGENT("`keepAliveDisable` (User-Agent)", Map.of("keepAliveDisable", MatrixClient.USER_AGENT), null),
        QUERY_CLOSE("`?connection=close` (4th, 8th)", Map.of(), null),
        POLICY_CLOSE("policy `connection` close", Map.of("connection", "close"), null);

        final String heading;
        final Map<String, String> initParams;
        final MatrixNginx.Control nginx;

        Control(String heading, Map<String, String> initParams, MatrixNginx.Control nginx) {
            this.heading = heading;
            this.initParams = initParams;
            this.nginx = nginx;
        }

        Duration gap() {
            return this == MAX_AGE ? AGE_GAP : Duration.ZERO;
        }

        /** What a client that follows the protocol shows of its connections, run after run. */
        Count count(boolean atOnce) {
            return atOnce ? Count.NONE : this == MAX_AGE ? Count.AT_LEAST_TWO : Count.EXACT;
        }

        /** What the {@code index}th request (1-based) adds to its query. */
        String query(int index) {
            return this == QUERY_CLOSE && (index == 4 || index == 8) ? "&connection=close" : "";
        }
    }

    /**
     * How much of the connection count a cell holds: the exact number; whether there were two or more (the age, where
     * timing decides how many); none (twelve at once, where the client's races decide between 1 and 12).
     */
    enum Count {
        EXACT, AT_LEAST_TWO, NONE
    }

    private final Map<Control, TestLab> labs = new EnumMap<>(Control.class);
    private MatrixNginx nginx;
    private int runs;

    @BeforeAll
    void start() throws Exception {
        for (Control control : Control.values()) {
            labs.put(control, TestLab.start(control.initParams, TestLab.httpsSettings()));
        }
        nginx = MatrixNginx.start();
    }

    @AfterAll
    void stop() throws Exception {
        for (TestLab lab : labs.values()) {
            lab.close();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void theDocumentedMatrixIsWhatTheClientsDo() throws Exception {
        StringBuilder table = new StringBuilder("| client | requests |");
        Stream.of(Control.values()).forEach(control -> table.append(' ').append(control.heading).append(" |"));
        Stream.of(MatrixNginx.Control.values()).forEach(control -> table.append(" nginx `").append(control.directive.replace(";", "")).append("` |"));
        table.append("\n|---|---|").append("---|".repeat(Control.values().length + MatrixNginx.Control.values().length)).append('\n');
        List<MatrixClient> clients = new ArrayList<>(CommandClients.all());
        clients.addAll(JvmClients.all());
        for (MatrixClient client : clients) {
            try (client) {
                if (client.sendsInSequence()) {
                    table.append(row(client, false));
                }
                if (client.tls()) {
                    table.append(row(client, true));
                }
            }
        }
        table.append("| Chromium (the page) | the page's 20 images |");
        Stream.of(Control.values()).forEach(control -> table.append(control == Control.QUERY_CLOSE
                ? " the close link: in `BrowserHttpsConnectionMapIT` |" : " — |"));
        table.append(" — |".repeat(MatrixNginx.Control.values().length)).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/interop-matrix.md"), table);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            MatrixTable.write(table.toString());
            System.out.println("InteropMatrixIT wrote the measured matrix into " + MatrixTable.DOCS + ":\n" + table);
            return;
        }
        String documented = MatrixTable.documented();
        String measured = MatrixTable.withoutRunDetails(MatrixTable.acceptingVaryingCells(documented, table.toString()));
        assertEquals(MatrixTable.withoutRunDetails(documented), measured, MatrixTable.DOCS + " says otherwise (-D" + WRITE_PROPERTY
                + "=true writes it):\n" + String.join("\n", MatrixTable.departures(MatrixTable.withoutRunDetails(documented), measured))
                + "\nmeasured (also in target/interop-matrix.md):\n" + table);
    }

    private String row(MatrixClient client, boolean atOnce) throws Exception {
        StringBuilder row = new StringBuilder("| " + client.name() + " | " + REQUESTS + (atOnce ? " at once |" : " one after another |"));
        for (Control control : Control.values()) {
            row.append(' ').append(atOnce && control == Control.MAX_AGE ? "— (all within the age)" : labCell(client, atOnce, control)).append(" |");
        }
        for (MatrixNginx.Control control : MatrixNginx.Control.values()) {
            Control same = Stream.of(Control.values()).filter(c -> c.nginx == control).findFirst().orElseThrow();
            row.append(' ').append(atOnce && same == Control.MAX_AGE ? "— (all within the age)" : nginxCell(client, atOnce, same)).append(" |");
        }
        System.out.println("InteropMatrixIT measured: " + row);
        return row.append('\n').toString();
    }

    private String labCell(MatrixClient client, boolean atOnce, Control control) throws Exception {
        TestLab lab = labs.get(control);
        String tag = tag(client, atOnce, control.name());
        String base = client.tls() ? "https://127.0.0.1:" + lab.httpsPort() : "http://127.0.0.1:" + lab.port();
        MatrixClient.Run run = send(client, atOnce, control, base, tag);
        Connections record = LabSide.settled(lab, tag);
        long connections = record.client(tag).map(Connections.Client::connections).orElse(0);
        String expected = client.protocol();
        List<String> spoke = record.requests().stream().filter(q -> tag.equals(q.client()))
                .map(q -> record.connection(q.connection()).map(Connections.Connection::protocol).orElse(expected))
                .filter(protocol -> !protocol.equals(expected)).distinct().toList();
        return cell(run, connections, control.count(atOnce)) + (spoke.isEmpty() ? "" : " · spoke " + String.join(", ", spoke))
                + LabSide.lapses(record, tag);
    }

    private String nginxCell(MatrixClient client, boolean atOnce, Control control) throws Exception {
        String tag = tag(client, atOnce, control.nginx.name());
        MatrixClient.Run run = send(client, atOnce, control, nginx.base(control.nginx, client), tag);
        return cell(run, nginx.connectionsOf(tag, run.answered()), control.count(atOnce));
    }

    private static MatrixClient.Run send(MatrixClient client, boolean atOnce, Control control, String base, String tag) throws Exception {
        List<String> urls = urls(base, tag, control);
        return Objects.requireNonNull(atOnce ? client.burst(urls) : client.sequential(urls, control.gap()), client.name());
    }

    /** A run's {@value #REQUESTS} image URLs on {@code base}, tagged {@code tag}, with what {@code control} adds to each. */
    static List<String> urls(String base, String tag, Control control) {
        return IntStream.rangeClosed(1, REQUESTS)
                .mapToObj(i -> base + "/" + LabContent.IMAGE_NAMES.get(i - 1) + "?client=" + tag + control.query(i)).toList();
    }

    /** A tag of its own for each run (the lab's summary, nginx's log): letters, digits and dashes. */
    private String tag(MatrixClient client, boolean atOnce, String control) {
        String tag = ("m" + ++runs + "-" + client.name() + (atOnce ? "-burst-" : "-") + control).replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        return tag.length() > 64 ? tag.substring(0, 64) : tag;
    }

    /**
     * What a cell says: all answered or not, and on how many connections as far as {@code count} holds it; the client's
     * own count where it differs from the server's. The run's own numbers go in {@code <sub>}, where the comparison
     * does not look.
     */
    static String cell(MatrixClient.Run run, long serverConnections, Count count) {
        Integer own = run.connections();
        String detail = " <sub>" + run.answered() + "/" + run.sent() + " answered, " + serverConnections + " conn"
                + (own == null ? "" : ", client's count " + own)
                + (run.firstError() == null ? "" : ", first error: " + shortened(run.firstError())) + "</sub>";
        if (run.failed() > 0) {
            return MatrixTable.FAILS + errorClass(run.firstError()).map(name -> " · " + name).orElse("") + detail;
        }
        String answered = "✓ " + run.answered() + "/" + run.sent();
        return switch (count) {
            case NONE -> answered + detail;
            case AT_LEAST_TWO -> answered + " · " + (serverConnections >= 2 ? "≥2" : serverConnections) + " conn" + detail;
            case EXACT -> answered + " · " + serverConnections + " conn"
                    + (own == null || own == serverConnections ? "" : " (client's count " + own + ")");
        };
    }

    /**
     * The class of the exception a JVM client's first failed request raised ({@code IOException: ...}), the same run
     * after run; httpx's errors are left out (one run of the same cell raises {@code RemoteProtocolError}, another
     * {@code WriteError}), and curl's status or nghttp's and Node's messages name no class.
     */
    static Optional<String> errorClass(String error) {
        Matcher named = ERROR_CLASS.matcher(error == null ? "" : error);
        return named.lookingAt() ? Optional.of(named.group(1)) : Optional.empty();
    }

    private static String shortened(String error) {
        String line = error.replace('|', '/').replace('<', '(').replace('>', ')').lines().findFirst().orElse("").trim();
        return line.length() > 90 ? line.substring(0, 90) + "…" : line;
    }
}
