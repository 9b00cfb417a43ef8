package dev.keepalivelab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench against an in-process lab, on real loopback sockets; the lab's own record of connections is the referee. */
class BenchCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The lab's page and its 20 images. */
    static final int REQUESTS_PER_PAGE_LOAD = 21;
    static final int IMAGES = 20;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int bench(String... args) {
        return BenchCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    JsonNode benchJson(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        assertEquals(0, bench(all.toArray(String[]::new)), () -> "stderr: " + err);
        assertEquals("", err.toString(), "no progress bar without a terminal, and no warnings");
        return JSON.readTree(out.toString());
    }

    static String url(TestLab lab, String path) {
        return "http://127.0.0.1:" + lab.port() + path;
    }

    /** What the lab saw, leaving out the request that asks it. */
    record ServerView(int requests, Set<String> connections) {
    }

    static ServerView serverView(TestLab lab) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/connections");
            JsonNode requests = JSON.readTree(response.body()).get("requests");
            int count = 0;
            Set<String> connections = new HashSet<>();
            for (JsonNode request : requests) {
                if (!request.get("path").asText().equals("/connections")) {
                    count++;
                    connections.add(request.get("connection").asText());
                }
            }
            return new ServerView(count, connections);
        }
    }

    @Test
    void reportsTheConnectionsEachModeOpensAsTheServerSawThem() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            JsonNode result = benchJson("--rounds", "3", "--warmup", "0", url(lab, "/"));
            JsonNode keepAlive = result.get("modes").get("keep-alive");
            JsonNode close = result.get("modes").get("close");

            assertEquals(3 * REQUESTS_PER_PAGE_LOAD, close.get("requests").asInt());
            assertEquals(3 * REQUESTS_PER_PAGE_LOAD, close.get("connections").asInt(), "close: a connection per request");
            assertEquals(REQUESTS_PER_PAGE_LOAD, close.get("minConnectionsPerPageLoad").asInt());
            assertEquals(REQUESTS_PER_PAGE_LOAD, close.get("maxConnectionsPerPageLoad").asInt());
            assertEquals(1.0, close.get("requestsPerConnection").asDouble());

            int keptConnections = keepAlive.get("connections").asInt();
            assertEquals(3 * REQUESTS_PER_PAGE_LOAD, keepAlive.get("requests").asInt());
            assertTrue(keepAlive.get("maxConnectionsPerPageLoad").asInt() <= 6, keepAlive.toString());
            assertTrue(keepAlive.get("minConnectionsPerPageLoad").asInt() >= 1, keepAlive.toString());
            assertEquals(3 * REQUESTS_PER_PAGE_LOAD / (double) keptConnections, keepAlive.get("requestsPerConnection").asDouble(), 0.001);

            ServerView server = serverView(lab);
            assertEquals(2 * 3 * REQUESTS_PER_PAGE_LOAD, server.requests());
            assertEquals(keptConnections + close.get("connections").asInt(), server.connections().size(),
                    "the bench counts exactly the connections the lab saw");
        }
    }

    @Test
    void warmUpLoadsAreSentButNotCounted() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            JsonNode result = benchJson("--rounds", "1", "--warmup", "2", url(lab, "/"));
            assertEquals(2, result.get("warmup").asInt());
            assertEquals(1, result.get("modes").get("close").get("pageLoads").asInt());
            assertEquals(REQUESTS_PER_PAGE_LOAD, result.get("modes").get("close").get("requests").asInt());
            assertEquals(2 * (1 + 2) * REQUESTS_PER_PAGE_LOAD, serverView(lab).requests());
        }
    }

    @Test
    void withoutAUrlItBenchesAnInProcessLab() throws Exception {
        JsonNode result = benchJson("--rounds", "2", "--warmup", "0");
        assertTrue(result.get("inProcessLab").asBoolean());
        assertTrue(result.get("url").asText().matches("http://127\\.0\\.0\\.1:\\d+/"), result.get("url").asText());
        assertEquals(2 * REQUESTS_PER_PAGE_LOAD, result.get("modes").get("close").get("connections").asInt());
    }

    @Test
    void parallelLimitsTheConnectionsOfAPageLoad() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            JsonNode keepAlive = benchJson("--rounds", "2", "--warmup", "0", "--parallel", "1", url(lab, "/"))
                    .get("modes").get("keep-alive");
            assertEquals(1, keepAlive.get("maxConnectionsPerPageLoad").asInt());
            assertEquals(REQUESTS_PER_PAGE_LOAD, keepAlive.get("requestsPerConnection").asDouble());
        }
    }

    /**
     * The model's lower bound: a request on a new connection takes 2 RTT, one on an open connection 1 RTT, and the
     * images wait for the page. With at most 6 connections, one of them carries at least ceil(20 / 6) = 4 images.
     */
    @Test
    void rttAddsAtLeastTheModelledDelay() throws Exception {
        int rttMillis = 20;
        int busiestConnection = (IMAGES + 5) / 6;
        try (TestLab lab = TestLab.start(Map.of())) {
            JsonNode result = benchJson("--rounds", "2", "--warmup", "1", "--rtt", rttMillis + "ms", url(lab, "/"));
            assertEquals(rttMillis, result.get("rttMillis").asInt());
            JsonNode keepAlive = result.get("modes").get("keep-alive");
            JsonNode close = result.get("modes").get("close");
            assertTrue(keepAlive.get("pageLoadMillis").get("min").asDouble() >= (2 + busiestConnection) * rttMillis, keepAlive.toString());
            assertTrue(close.get("pageLoadMillis").get("min").asDouble() >= (2 + 2 * busiestConnection) * rttMillis, close.toString());
            assertTrue(keepAlive.get("maxConnectionsPerPageLoad").asInt() <= 6, keepAlive.toString());
            assertEquals(2 * REQUESTS_PER_PAGE_LOAD, close.get("connections").asInt(), "the proxy keeps connections apart");
        }
    }

    @Test
    void printsATableOfBothModesAndTheSpeedup() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            assertEquals(0, bench("--rounds", "2", "--warmup", "0", url(lab, "/")), () -> "stderr: " + err);
            List<String> lines = out.toString().lines().toList();
            assertEquals("keepalive-lab bench: " + url(lab, "/"), lines.get(0));
            assertEquals("2 page loads per client mode, each the page and its 20 images, at most 6 connections at once, no emulated RTT",
                    lines.get(1));
            assertTrue(lines.get(3).matches("client mode +p50 +p90 +p99 +connections per page load +requests per connection"), lines.get(3));
            assertTrue(lines.get(4).matches("keep-alive( +\\d+\\.\\d ms){3} +[1-6]\\.\\d\\d +\\d+\\.\\d\\d"), lines.get(4));
            assertTrue(lines.get(5).matches("close( +\\d+\\.\\d ms){3} +21\\.00 +1\\.00"), lines.get(5));
            assertTrue(lines.get(6).matches("speedup( +\\d+\\.\\d\\dx){3}"), lines.get(6));
            assertEquals("", err.toString());
        }
    }

    @Test
    void unreachableHostExits1WithOneLine() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        assertRuntimeFailure("keepalive-lab bench: cannot connect to 127.0.0.1:" + freePort + " for http://127.0.0.1:" + freePort
                + "/: Connection refused", "http://127.0.0.1:" + freePort + "/");
    }

    @Test
    void aPageThatIsNotHtmlExits1WithOneLine() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            assertRuntimeFailure("keepalive-lab bench: " + url(lab, "/test1.jpg")
                    + " is not an HTML page (Content-Type: image/jpeg): give the URL of a page with images.", url(lab, "/test1.jpg"));
        }
    }

    @Test
    void anErrorStatusExits1WithOneLine() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            assertRuntimeFailure("keepalive-lab bench: GET " + url(lab, "/missing") + " answered 404 Not Found", url(lab, "/missing"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"localhost:8080", "http://127.0.0.1:99999/", "http://127.0.0.1:0/"})
    void aBadUrlExits2WithTheMessageAndWhereHelpIs(String url) {
        assertEquals(2, bench("--rounds", "1", url));
        assertTrue(err.toString().startsWith("keepalive-lab bench: Invalid URL '" + url + "': "), err.toString());
        assertTrue(err.toString().endsWith(System.lineSeparator() + BenchOptionsTest.TRY_HELP + System.lineSeparator()), err.toString());
        assertEquals(2, err.toString().lines().count(), err.toString());
    }

    void assertRuntimeFailure(String message, String... args) {
        List<String> all = new ArrayList<>(List.of("--rounds", "1", "--warmup", "0"));
        all.addAll(List.of(args));
        assertEquals(1, bench(all.toArray(String[]::new)), () -> "stderr: " + err);
        assertEquals(message + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
        assertFalse(err.toString().contains("\tat "), "stack trace in: " + err);
    }
}
