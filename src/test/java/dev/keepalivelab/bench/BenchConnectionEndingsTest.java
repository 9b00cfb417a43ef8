package dev.keepalivelab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.SettingSource;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.keepalivelab.bench.BenchCommandTest.JSON;
import static dev.keepalivelab.bench.BenchCommandTest.REQUESTS_PER_PAGE_LOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench meets a server's connection endings as a browser does: what the server refused or lost to its close is
 * sent again on a new connection and counted, and a page load that still fails is reported, not the run lost.
 */
class BenchConnectionEndingsTest {
    static final int ROUNDS = 4;
    static final int MAX_REQUESTS = 5;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int bench(List<String> args) {
        return BenchCommand.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    static TestLab lab(Map<String, String> initParams, boolean tls) throws Exception {
        ServerSettings server = tls ? TestLab.httpsSettings() : ServerSettings.of("127.0.0.1", 0, TestLab.DEFAULT_IDLE_TIMEOUT);
        return TestLab.start(LabSettings.from(SettingSource.initParams(initParams::get)), server);
    }

    static Connections record(TestLab lab) throws Exception {
        try (var connection = lab.connect()) {
            return Connections.parse(connection.get("/connections").body());
        }
    }

    static List<String> target(TestLab lab, boolean tls) {
        return tls ? List.of("--insecure", BenchCommandTest.httpsUrl(lab)) : List.of(BenchCommandTest.url(lab, "/"));
    }

    /**
     * The lab ends every connection after its fifth request (GOAWAY on HTTP/2, Connection: close on HTTP/1.1). Every
     * page load completes; the connections the bench counts are the ones the lab saw; the lab answered each request the
     * bench counts, and no more than those plus the ones sent again.
     */
    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"h2, cleartext", "h2, tls", "keep-alive, cleartext", "keep-alive, tls"})
    void aLabThatEndsConnectionsAfterFiveRequestsLosesNoPageLoad(String mode, String transport) throws Exception {
        boolean tls = transport.equals("tls");
        try (TestLab lab = lab(Map.of("maxRequestsPerConnection", Integer.toString(MAX_REQUESTS)), tls)) {
            JsonNode result = benchOneMode(lab, tls, mode);
            assertEquals(ROUNDS, result.get("pageLoads").asInt(), result.toString());
            assertEquals(0, result.get("failedLoads").asInt(), result.toString());
            assertTrue(result.get("firstFailure").isNull(), result.toString());
            assertEquals(0, result.get("closeWaitsTimedOut").asInt(), "every page load's connections closed before the next: " + result);
            assertEquals(ROUNDS * REQUESTS_PER_PAGE_LOAD, result.get("requests").asInt(), result.toString());
            if (mode.equals("h2")) {
                // Every stream the client sent before it saw the lab's GOAWAY is answered (what is sent again here is a
                // response Jetty's client lost to the close, jetty#15368; refused streams are BenchAgainstNginxIT's), so a
                // page load may fit on one connection: each that reached the limit was ended by the lab, the others by the
                // bench after the load.
                Connections ended = Await.until("the bench's connections ended", TestLab.CLOSE_WAIT,
                        () -> record(lab), json -> json.connections().stream().filter(c -> c.protocol().startsWith("h2"))
                                .allMatch(Connections.Connection::ended));
                List<Connections.Connection> h2 = ended.connections().stream().filter(c -> c.protocol().startsWith("h2")).toList();
                h2.forEach(c -> assertEquals(c.requests() >= MAX_REQUESTS ? "max-requests" : "client", c.closeReason(), c.toString()));
                assertTrue(h2.stream().filter(c -> c.requests() >= MAX_REQUESTS).count() >= ROUNDS, "the lab ended a connection in each page load: " + h2);
            } else {
                assertTrue(result.get("maxConnectionsPerPageLoad").asInt() > 1, "the lab ended connections under a page load: " + result);
                assertEquals(0, result.get("retries").asInt(),
                        "HTTP/1.1 hears Connection: close on the fifth response, before it reuses the connection: " + result);
            }
            assertTheLabSawWhatTheBenchCounted(lab, result);
        }
    }

    /**
     * Every connection goes stale after its first response, unannounced (the lab's close-on-reuse): each GET the
     * client sends on a kept connection meets EOF before any byte, and is sent again, once, on a new connection, as a
     * browser does. Every page load completes, and the connections the bench counts are the ones the lab saw.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"cleartext", "tls"})
    void aKeptConnectionClosedBeforeTheResponseIsRetriedOnce(String transport) throws Exception {
        boolean tls = transport.equals("tls");
        try (TestLab lab = lab(Map.of("fault", "close-on-reuse", "faultOn", "request=1"), tls)) {
            JsonNode result = benchOneMode(lab, tls, "keep-alive");
            assertEquals(0, result.get("failedLoads").asInt(), result.toString());
            assertEquals(ROUNDS * REQUESTS_PER_PAGE_LOAD, result.get("requests").asInt(), result.toString());
            assertEquals(1.0, result.get("requestsPerConnection").asDouble(), 1e-9, "each connection answered one request: " + result);
            assertTrue(result.get("retries").asInt() > 0, "the client reused connections and met their close: " + result);
            assertTheLabSawWhatTheBenchCounted(lab, result);
        }
    }

    /** Runs the bench's {@code mode} alone against {@code lab}, expecting every page load to complete, and gives its JSON. */
    JsonNode benchOneMode(TestLab lab, boolean tls, String mode) throws Exception {
        List<String> args = new ArrayList<>(List.of("--json", "--rounds", Integer.toString(ROUNDS), "--warmup", "0", "--modes", mode));
        args.addAll(target(lab, tls));
        assertEquals(BenchCommand.EXIT_OK, bench(args), () -> "stderr: " + err + "\nstdout: " + out);
        return JSON.readTree(out.toString()).get("modes").get(mode);
    }

    /**
     * The connections the bench counts are the ones the lab saw, and the lab answered each request the bench counts and
     * no more than those plus the ones sent again.
     */
    static void assertTheLabSawWhatTheBenchCounted(TestLab lab, JsonNode result) throws Exception {
        int retries = result.get("retries").asInt();
        BenchCommandTest.ServerView server = BenchCommandTest.serverView(lab);
        assertEquals(result.get("connections").asInt(), server.connections().size(), "the connections the lab saw: " + server);
        assertTrue(server.requests() >= ROUNDS * REQUESTS_PER_PAGE_LOAD && server.requests() <= ROUNDS * REQUESTS_PER_PAGE_LOAD + retries,
                "the lab answered " + server.requests() + ": " + result);
    }

    /**
     * The lab resets every connection after its first response, with no GOAWAY: on HTTP/2 the streams still open are
     * lost and not sent again, so every h2 page load fails; the bench reports the page loads that failed, with the first
     * failure, in the table and the JSON, after measuring every mode, and exits 3.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"json", "table"})
    void aLabThatResetsEveryConnectionGivesFailedLoadsInAWholeReport(String format) throws Exception {
        try (TestLab lab = lab(Map.of("fault", "reset"), false)) {
            List<String> args = new ArrayList<>(List.of("--rounds", "2", "--warmup", "0", "--modes", "keep-alive,close,h2"));
            if (format.equals("json")) {
                args.add("--json");
            }
            args.addAll(target(lab, false));
            assertEquals(BenchCommand.EXIT_LOADS_FAILED, bench(args), () -> "stderr: " + err + "\nstdout: " + out);
            assertEquals("", err.toString());
            String firstFailure = "GET http://127\\.0\\.0\\.1:" + lab.port() + "/\\S* failed: .+";
            if (format.equals("json")) {
                JsonNode modes = JSON.readTree(out.toString()).get("modes");
                assertEquals(List.of("keep-alive", "close", "h2"), BenchCommandTest.fieldNames(modes));
                for (JsonNode mode : modes) {
                    assertEquals(2, mode.get("pageLoads").asInt() + mode.get("failedLoads").asInt(), mode.toString());
                    assertEquals(mode.get("failedLoads").asInt() > 0, !mode.get("firstFailure").isNull(), mode.toString());
                }
                JsonNode h2 = modes.get("h2");
                assertEquals(2, h2.get("failedLoads").asInt(), h2.toString());
                assertTrue(h2.get("firstFailure").asText().matches(firstFailure), h2.toString());
                assertTrue(h2.get("pageLoadMillis").get("p50").isNull(), h2.toString());
            } else {
                List<String> lines = out.toString().lines().toList();
                assertTrue(lines.get(3).endsWith("requests per connection  retries  failed loads"), lines.get(3));
                assertTrue(lines.get(6).matches("h2 +HTTP/2( +-){5} +\\d+ +2"), lines.get(6));
                assertTrue(lines.stream().anyMatch(line -> line.matches("h2: 2 of 2 page loads failed; the first: " + firstFailure)), out.toString());
                assertFalse(out.toString().contains("\tat "), out.toString());
                assertFalse(out.toString().contains("NaN"), out.toString());
            }
        }
    }
}
