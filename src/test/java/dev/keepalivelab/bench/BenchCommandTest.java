package dev.keepalivelab.bench;

import dev.keepalivelab.settings.Setting;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** What the lab saw, leaving out the request that asks it: requests, and the connections that carried them with their protocol. */
    record ServerView(int requests, Map<String, String> connections) {
        long connectionsOver(String protocol) {
            return connections.values().stream().filter(protocol::equals).count();
        }
    }

    static ServerView serverView(TestLab lab) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/connections");
            JsonNode record = JSON.readTree(response.body());
            Map<String, String> protocols = new HashMap<>();
            for (JsonNode known : record.get("connections")) {
                protocols.put(known.get("label").asText(), known.get("protocol").asText());
            }
            int count = 0;
            Map<String, String> connections = new HashMap<>();
            for (JsonNode request : record.get("requests")) {
                if (!request.get("path").asText().equals("/connections")) {
                    count++;
                    String label = request.get("connection").asText();
                    connections.put(label, protocols.getOrDefault(label, "unknown"));
                }
            }
            return new ServerView(count, connections);
        }
    }

    static String httpsUrl(TestLab lab) {
        return "https://127.0.0.1:" + lab.httpsPort() + "/";
    }

    @Test
    void everyModeOverCleartextCountsTheConnectionsTheServerSaw() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            JsonNode result = benchJson("--rounds", "3", "--warmup", "0", url(lab, "/"));
            assertEquals(List.of("keep-alive", "close", "h2"), fieldNames(result.get("modes")), "every mode a cleartext lab supports");
            JsonNode keepAlive = result.get("modes").get("keep-alive");
            JsonNode close = result.get("modes").get("close");
            JsonNode h2 = result.get("modes").get("h2");

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

            assertEquals(3, h2.get("connections").asInt(), "h2: one connection a page load");
            assertEquals(1, h2.get("maxConnectionsPerPageLoad").asInt());
            assertEquals("HTTP/2", h2.get("protocol").asText());
            assertEquals("HTTP/1.1", keepAlive.get("protocol").asText());
            for (JsonNode mode : List.of(keepAlive, close, h2)) {
                assertTrue(mode.get("tls").isNull(), mode.toString());
                assertEquals(0, mode.get("tlsHandshakes").asInt() + mode.get("tlsResumptions").asInt(), mode.toString());
            }

            ServerView server = serverView(lab);
            assertEquals(3 * 3 * REQUESTS_PER_PAGE_LOAD, server.requests());
            assertEquals(keptConnections + close.get("connections").asInt() + 3, server.connections().size(),
                    "the bench counts exactly the connections the lab saw");
            assertEquals(3, server.connectionsOver("h2c"), server.toString());
        }
    }

    @Test
    void everyModeOverTlsCountsConnectionsAndHandshakesAsTheServerSawThem() throws Exception {
        try (TestLab lab = TestLab.startHttps()) {
            JsonNode result = benchJson("--rounds", "3", "--warmup", "0", "--insecure", httpsUrl(lab));
            JsonNode modes = result.get("modes");
            assertEquals(List.of("keep-alive", "close", "h2", "close-resumed"), fieldNames(modes), "every mode a TLS lab supports");
            long connections = 0;
            for (JsonNode mode : modes) {
                assertEquals(mode == modes.get("close-resumed") ? "TLSv1.2" : "TLSv1.3", mode.get("tls").asText(), mode.toString());
                assertEquals(mode.get("connections").asInt(), mode.get("tlsHandshakes").asInt() + mode.get("tlsResumptions").asInt(),
                        "a handshake for every connection: " + mode);
                connections += mode.get("connections").asInt();
            }
            for (String firstVisit : List.of("keep-alive", "close", "h2")) {
                assertEquals(0, modes.get(firstVisit).get("tlsResumptions").asInt(), firstVisit + " resumes nothing: " + modes.get(firstVisit));
            }
            assertEquals(3 * REQUESTS_PER_PAGE_LOAD, modes.get("close").get("tlsHandshakes").asInt());
            assertEquals(3, modes.get("h2").get("connections").asInt());
            assertEquals(3, modes.get("h2").get("tlsHandshakes").asInt());
            assertEquals("HTTP/2", modes.get("h2").get("protocol").asText());
            JsonNode resumed = modes.get("close-resumed");
            assertEquals(3 * REQUESTS_PER_PAGE_LOAD, resumed.get("connections").asInt());
            assertEquals(3, resumed.get("tlsHandshakes").asInt(), "each page load's first handshake is a full one: " + resumed);
            assertEquals(3 * IMAGES, resumed.get("tlsResumptions").asInt(), "every later connection resumes it, 6 at once: " + resumed);

            ServerView server = serverView(lab);
            assertEquals(4 * 3 * REQUESTS_PER_PAGE_LOAD, server.requests());
            assertEquals(connections, server.connections().size(), "the bench counts exactly the connections the lab saw");
            assertEquals(3, server.connectionsOver("h2"), server.toString());
        }
    }

    /**
     * close-resumed, six connections at once, as a browser opens them: the page's handshake is full and every image's
     * connection resumes its TLS 1.2 session, however many start together; the lab saw every one of those connections.
     */
    @Test
    void closeResumedSixAtOnceResumesEveryConnectionAfterEachPageLoadsFirst() throws Exception {
        try (TestLab lab = TestLab.startHttps()) {
            JsonNode resumed = benchJson("--rounds", "3", "--warmup", "0", "--parallel", "6", "--modes", "close-resumed", "--insecure", httpsUrl(lab))
                    .get("modes").get("close-resumed");
            assertEquals(ModeTls.RESUMED_PROTOCOL, resumed.get("tls").asText(), resumed.toString());
            assertEquals(3, resumed.get("tlsHandshakes").asInt(), resumed.toString());
            assertEquals(3 * IMAGES, resumed.get("tlsResumptions").asInt(), resumed.toString());
            assertEquals(3 * REQUESTS_PER_PAGE_LOAD, resumed.get("connections").asInt(), resumed.toString());
            assertEquals(3 * REQUESTS_PER_PAGE_LOAD, serverView(lab).connections().size(), "the lab saw each of them");
        }
    }

    /** close-resumed one connection at a time: each page load's first handshake is full, every later one resumes it. */
    @Test
    void closeResumedOneConnectionAtATimeMakesOneFullHandshakeAPageLoad() throws Exception {
        JsonNode modes = benchJson("--tls", "--rounds", "3", "--warmup", "1", "--parallel", "1", "--modes", "close-resumed,close").get("modes");
        assertEquals(List.of("close-resumed", "close"), fieldNames(modes));
        assertEquals(3, modes.get("close-resumed").get("tlsHandshakes").asInt(), modes.toString());
        assertEquals(3 * IMAGES, modes.get("close-resumed").get("tlsResumptions").asInt(), modes.toString());
        assertEquals(3 * REQUESTS_PER_PAGE_LOAD, modes.get("close").get("tlsHandshakes").asInt(), modes.toString());
        assertEquals(0, modes.get("close").get("tlsResumptions").asInt(), modes.toString());
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void warmUpLoadsAreSentButNotCounted() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            JsonNode result = benchJson("--rounds", "1", "--warmup", "2", url(lab, "/"));
            assertEquals(2, result.get("warmup").asInt());
            assertEquals(1, result.get("modes").get("close").get("pageLoads").asInt());
            assertEquals(REQUESTS_PER_PAGE_LOAD, result.get("modes").get("close").get("requests").asInt());
            assertEquals(3 * (1 + 2) * REQUESTS_PER_PAGE_LOAD, serverView(lab).requests(), "three modes, each 1 + 2 page loads");
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
    void withTlsTheInProcessLabServesHttpsWithACertificateTheBenchTrusts() throws Exception {
        JsonNode result = benchJson("--tls", "--rounds", "1", "--warmup", "0", "--modes", "h2");
        assertTrue(result.get("url").asText().matches("https://127\\.0\\.0\\.1:\\d+/"), result.get("url").asText());
        assertEquals("TLSv1.3", result.get("modes").get("h2").get("tls").asText());
        assertEquals(1, result.get("modes").get("h2").get("tlsHandshakes").asInt());
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
     * The model's lower bounds (docs/bench.md): a new connection pays 1 RTT for TCP and, over TLS 1.3, 1 for TLS before its
     * first request, which costs 1 more; the images wait for the page; Jetty's HTTP/2 client waits 1 RTT for the server's
     * SETTINGS. With at most 6 connections, one of them carries at least ceil(20 / 6) = 4 images.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cleartext | keep-alive=6,close=10,h2=4
            tls       | keep-alive=7,close=15,h2=5,close-resumed=15
            """)
    void rttAddsAtLeastTheModelledDelay(String transport, String lowerBounds) throws Exception {
        int rttMillis = 20;
        List<String> args = new ArrayList<>(List.of("--rounds", "2", "--warmup", "1", "--rtt", rttMillis + "ms"));
        if (transport.equals("tls")) {
            args.add("--tls");
        }
        JsonNode result = benchJson(args.toArray(String[]::new));
        assertEquals(rttMillis, result.get("rttMillis").asInt());
        for (String bound : lowerBounds.split(",")) {
            String[] modeAndRtts = bound.split("=");
            JsonNode mode = result.get("modes").get(modeAndRtts[0]);
            int rtts = Integer.parseInt(modeAndRtts[1]);
            assertTrue(mode.get("pageLoadMillis").get("min").asDouble() >= rtts * rttMillis, modeAndRtts[0] + " under " + rtts + " RTT: " + mode);
            assertTrue(mode.get("modelMillis").asDouble() >= rtts * rttMillis, "the model predicts at least its bound: " + mode);
        }
        assertTrue(result.get("modes").get("keep-alive").get("maxConnectionsPerPageLoad").asInt() <= 6);
        assertEquals(2 * REQUESTS_PER_PAGE_LOAD, result.get("modes").get("close").get("connections").asInt(), "the proxy keeps connections apart");
        assertTrue(result.get("proxyLateMillis").get("chunks").asInt() > 0, result.toString());
    }

    @Test
    void printsATableOfEveryModeAndTheSpeedup() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            assertEquals(0, bench("--rounds", "2", "--warmup", "0", url(lab, "/")), () -> "stderr: " + err);
            List<String> lines = out.toString().lines().toList();
            assertEquals("keepalive-lab bench: " + url(lab, "/"), lines.get(0));
            assertEquals("2 page loads per client mode, each the page and its 20 images, at most 6 connections at once, no emulated RTT",
                    lines.get(1));
            assertTrue(lines.get(3).matches("client mode +protocol +p50 +p90 +p99 +connections per page load +requests per connection"), lines.get(3));
            assertTrue(lines.get(4).matches("keep-alive +HTTP/1\\.1( +\\d+\\.\\d ms){3} +[1-6]\\.\\d\\d +\\d+\\.\\d\\d"), lines.get(4));
            assertTrue(lines.get(5).matches("close +HTTP/1\\.1( +\\d+\\.\\d ms){3} +21\\.00 +1\\.00"), lines.get(5));
            assertTrue(lines.get(6).matches("h2 +HTTP/2( +\\d+\\.\\d ms){3} +1\\.00 +21\\.00"), lines.get(6));
            assertTrue(lines.get(7).matches("speedup( +\\d+\\.\\d\\dx){3}"), lines.get(7));
            assertEquals("", err.toString());
        }
    }

    @Test
    void overTlsTheTableCountsFullAndResumedHandshakes() throws Exception {
        assertEquals(0, bench("--tls", "--rounds", "1", "--warmup", "0", "--parallel", "1", "--modes", "close,close-resumed"), () -> "stderr: " + err);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(3).endsWith("requests per connection  TLS full / resumed per page load"), lines.get(3));
        assertTrue(lines.get(4).matches("close +HTTP/1\\.1 TLSv1\\.3( +\\d+\\.\\d ms){3} +21\\.00 +1\\.00 +21\\.00 / 0\\.00"), lines.get(4));
        assertTrue(lines.get(5).matches("close-resumed +HTTP/1\\.1 TLSv1\\.2( +\\d+\\.\\d ms){3} +21\\.00 +1\\.00 +1\\.00 / 20\\.00"), lines.get(5));
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keep-alive", "h2"})
    void anErrorStatusExits1WithOneLine(String mode) throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            assertRuntimeFailure("keepalive-lab bench: GET " + url(lab, "/missing") + " answered 404 Not Found", "--modes", mode, url(lab, "/missing"));
        }
    }

    @Test
    void h2AskedOfACleartextHostWithoutH2cExits1SayingWhatItAnswered() throws Exception {
        try (TestLab lab = TestLab.start(LabSettings.defaults(), ServerSettings.of("127.0.0.1", 0, TestLab.DEFAULT_IDLE_TIMEOUT).with(Setting.HTTP2, "off"))) {
            assertRuntimeFailureMatching("keepalive-lab bench: 127\\.0\\.0\\.1:" + lab.port() + " does not speak HTTP/2: it answered the HTTP/2"
                    + " preface with 'HTTP/1\\.1 4\\d\\d [^']*' \\(no h2c with prior knowledge\\); drop h2 from --modes", "--modes", "keep-alive,h2", url(lab, "/"));
        }
    }

    @Test
    void everyModeOfAHostWithoutHttp2LeavesH2OutAndSaysWhy() throws Exception {
        try (TestLab lab = TestLab.start(LabSettings.defaults(), ServerSettings.of("127.0.0.1", 0, TestLab.DEFAULT_IDLE_TIMEOUT).with(Setting.HTTP2, "off"))) {
            JsonNode result = benchJson("--rounds", "1", "--warmup", "0", url(lab, "/"));
            assertEquals(List.of("keep-alive", "close"), fieldNames(result.get("modes")));
            assertEquals(1, result.get("notMeasured").size(), result.toString());
            assertTrue(result.get("notMeasured").get(0).asText().startsWith("h2: 127.0.0.1:" + lab.port() + " does not speak HTTP/2: "), result.toString());
        }
    }

    @Test
    void h2AskedOfATlsHostWhoseAlpnOffersOnlyHttp11Exits1() throws Exception {
        try (TestLab lab = TestLab.start(LabSettings.defaults(), ServerSettings.of("127.0.0.1", 0, TestLab.DEFAULT_IDLE_TIMEOUT).with(Setting.HTTPS_HTTP1_PORT, "0"))) {
            int port = LabServer.httpsHttp1Port(lab.server()).getAsInt();
            assertRuntimeFailure("keepalive-lab bench: 127.0.0.1:" + port + " does not speak HTTP/2: ALPN chose http/1.1 of h2, http/1.1;"
                    + " drop h2 from --modes", "--insecure", "--modes", "h2", "https://127.0.0.1:" + port + "/");
        }
    }

    @Test
    void httpsToAPlainPortExits1AskingWhetherItIsOne() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            assertRuntimeFailure("keepalive-lab bench: 127.0.0.1:" + lab.port() + " does not speak TLS (Unsupported or unrecognized SSL message):"
                    + " is it a plain http:// port?", "https://127.0.0.1:" + lab.port() + "/");
        }
    }

    @Test
    void aSelfSignedCertificateExits1UnlessInsecure() throws Exception {
        try (TestLab lab = TestLab.startHttps()) {
            assertRuntimeFailureMatching("keepalive-lab bench: the certificate of 127\\.0\\.0\\.1:" + lab.httpsPort() + " is not trusted \\(.+\\):"
                    + " give --insecure to bench it anyway, like curl -k", httpsUrl(lab));
        }
    }

    /** With one round, the report draws the only page load of each mode: its lanes are the connections the JSON counts. */
    @Test
    void theReportDrawsALanePerConnectionAndABarPerRequest(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("report.html");
        JsonNode modes = benchJson("--tls", "--rounds", "1", "--warmup", "0", "--report", report.toString()).get("modes");
        Document html = Jsoup.parse(report.toFile(), "UTF-8");
        assertEquals(fieldNames(modes), html.select("section.mode").eachAttr("data-mode"), "a section per mode, in order");
        for (String mode : fieldNames(modes)) {
            Element section = html.selectFirst("section.mode[data-mode=" + mode + "]");
            int used = (int) section.select("g.lane").stream().filter(lane -> !lane.select("g.request").isEmpty()).count();
            assertEquals(modes.get(mode).get("connections").asInt(), used, mode + ": a lane per connection that carried a request");
            assertEquals(modes.get(mode).get("unusedConnections").asInt(), section.select("g.lane").size() - used, mode + ": unused lanes");
            assertEquals(REQUESTS_PER_PAGE_LOAD, section.select("g.request").size(), mode + ": a bar per request");
            assertTrue(section.select("g.lane").stream().filter(lane -> !lane.select("g.request").isEmpty())
                    .allMatch(lane -> lane.select("rect.tls").size() == 1), mode + ": each used lane shows its TLS handshake");
        }
        assertTrue(html.selectFirst("pre.table").text().contains("close-resumed"), "the table below");
        assertTrue(html.select("script[src], link[href], img[src]").isEmpty(), "self-contained");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"localhost:8080", "http://127.0.0.1:99999/", "http://127.0.0.1:0/"})
    void aBadUrlExits2WithTheMessageAndWhereHelpIs(String url) {
        assertEquals(2, bench("--rounds", "1", url));
        assertTrue(err.toString().startsWith("keepalive-lab bench: Invalid URL '" + url + "': "), err.toString());
        assertTrue(err.toString().endsWith(System.lineSeparator() + BenchOptionsTest.TRY_HELP + System.lineSeparator()), err.toString());
        assertEquals(2, err.toString().lines().count(), err.toString());
    }

    void assertRuntimeFailureMatching(String regex, String... args) {
        List<String> all = new ArrayList<>(List.of("--rounds", "1", "--warmup", "0"));
        all.addAll(List.of(args));
        assertEquals(1, bench(all.toArray(String[]::new)), () -> "stderr: " + err);
        assertTrue(err.toString().matches(regex + System.lineSeparator()), err::toString);
        assertEquals("", out.toString());
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
