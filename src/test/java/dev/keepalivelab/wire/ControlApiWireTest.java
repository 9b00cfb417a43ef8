package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.keepalivelab.support.ControlCall.arm;
import static dev.keepalivelab.support.ControlCall.json;
import static dev.keepalivelab.support.ControlCall.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control API on the wire: every route, every bad input, and armed faults met by real requests. */
class ControlApiWireTest {
    static TestLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = TestLab.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    @BeforeEach
    void disarmAll() throws Exception {
        assertEquals(204, send(lab, "DELETE", "/control/faults", null).status());
    }

    @Test
    void armListReadDisarm() throws Exception {
        RawResponse armed = send(lab, "POST", "/control/faults",
                "{\"fault\": \"delay=300ms\", \"requests\": 3, \"paths\": [\"/test1*.jpg\"], \"client\": \"my-test\"}");
        assertEquals(201, armed.status(), armed.toString());
        JsonNode fault = json(armed);
        String id = fault.get("id").asText();
        assertTrue(id.matches("f[0-9]+"), id);
        assertEquals(Optional.of("/control/faults/" + id), armed.header("Location"));
        assertEquals("{\"id\":\"" + id + "\",\"fault\":\"delay=300ms\",\"requests\":3,\"connections\":null,\"paths\":[\"/test1*.jpg\"],"
                + "\"client\":\"my-test\",\"remaining\":3,\"applied\":0}", fault.toString());

        JsonNode other = arm(lab, "{\"fault\": \"reset-on-reuse\", \"connections\": 2}");
        assertEquals("{\"id\":\"" + other.get("id").asText() + "\",\"fault\":\"reset-on-reuse\",\"requests\":null,\"connections\":2,"
                + "\"paths\":[],\"client\":null,\"remaining\":2,\"applied\":0}", other.toString());
        JsonNode forever = arm(lab, "{\"fault\": \"drip=2s\", \"paths\": [\"/nowhere\"]}");
        assertTrue(forever.get("remaining").isNull(), "armed until disarmed: " + forever);
        assertTrue(forever.get("requests").isNull() && forever.get("connections").isNull(), forever.toString());

        JsonNode list = json(send(lab, "GET", "/control/faults", null));
        assertEquals(List.of(id, other.get("id").asText(), forever.get("id").asText()),
                list.get("faults").findValuesAsText("id"), "in arming order: " + list);
        RawResponse one = send(lab, "GET", "/control/faults/" + id, null);
        assertEquals(200, one.status());
        assertEquals(fault, json(one));
        RawResponse head = send(lab, "HEAD", "/control/faults/" + id, null);
        assertEquals(200, head.status(), "HEAD answers as GET does, without the body");
        assertEquals(Optional.of(Integer.toString(one.body().length)), head.header("Content-Length"));

        RawResponse disarmed = send(lab, "DELETE", "/control/faults/" + id, null);
        assertEquals(204, disarmed.status());
        assertEquals(0, disarmed.body().length);
        assertEquals(Optional.empty(), disarmed.header("Content-Type"), "a 204 has no content to type");
        assertEquals(404, send(lab, "GET", "/control/faults/" + id, null).status());
        assertEquals(2, json(send(lab, "GET", "/control/faults", null)).get("faults").size());
        assertEquals(204, send(lab, "DELETE", "/control/faults", null).status());
        assertEquals("{\"faults\":[]}", json(send(lab, "GET", "/control/faults", null)).toString());
        assertTrue(Integer.parseInt(arm(lab, "{\"fault\": \"reset\"}").get("id").asText().substring(1))
                > Integer.parseInt(forever.get("id").asText().substring(1)), "ids are never reused");
    }

    /**
     * A request the control API refuses.
     *
     * @param name     what the row shows
     * @param method   the method
     * @param path     the path
     * @param body     the body, or null
     * @param status   the status it gets
     * @param mentions what its error names: the field, the value and what is allowed
     */
    record Refusal(String name, String method, String path, String body, int status, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Refusal arming(String name, String body, String... mentions) {
        return new Refusal(name, "POST", "/control/faults", body, 400, List.of(mentions));
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                arming("unknown field", "{\"fault\": \"reset\", \"times\": 2}", "\"times\"", "requests or connections"),
                arming("fault missing", "{\"requests\": 2}", "fault is required", "reset-on-reuse"),
                arming("fault of the wrong type", "{\"fault\": 3}", "value 3 for field fault", "delay=DURATION"),
                arming("bad fault name", "{\"fault\": \"explode\"}", "\"explode\" for field fault", "silent-close"),
                arming("fault duration too long", "{\"fault\": \"delay=61s\"}", "\"delay=61s\"", "to 1m"),
                arming("requests of the wrong type", "{\"fault\": \"reset\", \"requests\": \"3\"}", "\"3\" for field requests",
                        "an integer from 1 to 1000000"),
                arming("requests 0", "{\"fault\": \"reset\", \"requests\": 0}", "0 for field requests", "from 1 to 1000000"),
                arming("requests too big", "{\"fault\": \"reset\", \"requests\": 1000001}", "1000001 for field requests"),
                arming("requests a fraction", "{\"fault\": \"reset\", \"requests\": 1.5}", "1.5 for field requests"),
                arming("requests beyond a long", "{\"fault\": \"reset\", \"requests\": 99999999999999999999999}", "field requests"),
                arming("connections 0", "{\"fault\": \"reset\", \"connections\": 0}", "0 for field connections"),
                arming("requests with connections", "{\"fault\": \"reset\", \"requests\": 1, \"connections\": 1}",
                        "requests and connections exclude each other"),
                arming("bad glob", "{\"fault\": \"reset\", \"paths\": [\"/a b\"]}", "\"/a b\" in field paths", "path glob"),
                arming("empty glob", "{\"fault\": \"reset\", \"paths\": [\"\"]}", "\"\" in field paths"),
                arming("glob with a comma", "{\"fault\": \"reset\", \"paths\": [\"/a,/b\"]}", "\"/a,/b\" in field paths"),
                arming("paths not an array", "{\"fault\": \"reset\", \"paths\": \"/a\"}", "\"/a\" for field paths", "an array"),
                arming("client empty", "{\"fault\": \"reset\", \"client\": \"\"}", "\"\" for field client", "1 to 256"),
                arming("client of the wrong type", "{\"fault\": \"reset\", \"client\": [1]}", "[1] for field client"),
                arming("malformed JSON", "{\"fault\": \"reset\",}", "Malformed JSON body", "{\"fault\": \"reset-on-reuse\""),
                arming("duplicate field", "{\"fault\": \"reset\", \"fault\": \"delay=1s\"}", "Malformed JSON body", "fault"),
                arming("trailing garbage", "{\"fault\": \"reset\"} x", "Malformed JSON body"),
                arming("an array, not an object", "[\"reset\"]", "an array, not an object"),
                arming("no body", null, "the body is empty"),
                new Refusal("body over 16 KiB", "POST", "/control/faults", "{\"fault\": \"reset\", \"client\": \"" + "x".repeat(17_000) + "\"}",
                        413, List.of("at most 16384 bytes")),
                new Refusal("wrong method on the faults", "PUT", "/control/faults", "{}", 405, List.of("use POST, GET, DELETE, HEAD")),
                new Refusal("wrong method on a fault", "POST", "/control/faults/f1", "{}", 405, List.of("use GET, DELETE, HEAD")),
                new Refusal("wrong method on the record", "GET", "/control/record", null, 405, List.of("use DELETE")),
                new Refusal("unknown id read", "GET", "/control/faults/f999999", null, 404, List.of("\"f999999\"", "GET /control/faults")),
                new Refusal("unknown id disarmed", "DELETE", "/control/faults/nope", null, 404, List.of("\"nope\"")),
                new Refusal("unknown path", "GET", "/control/nothing", null, 404, List.of("/control/faults/{id}", "/control/record")),
                new Refusal("a fault's path with a trailing slash", "GET", "/control/faults/", null, 404, List.of("Not found")),
                new Refusal("the prefix alone", "GET", "/control", null, 404, List.of("Not found")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithAnErrorThatNamesWhatIsWrong(Refusal refusal) throws Exception {
        RawResponse response = send(lab, refusal.method(), refusal.path(), refusal.body());
        assertEquals(refusal.status(), response.status(), response.toString());
        String error = json(response).get("error").asText();
        for (String mention : refusal.mentions()) {
            assertTrue(error.contains(mention), "error names " + mention + ": " + error);
        }
        if (refusal.status() == 405) {
            assertTrue(error.contains(response.header("Allow").orElseThrow()), "the error says the Allow header: " + error);
        }
        assertEquals("{\"faults\":[]}", json(send(lab, "GET", "/control/faults", null)).toString(), "nothing was armed");
    }

    @Test
    void resetOnReuseArmedForOneRequestIsMetOnTheWireAndRecorded() throws Exception {
        String id = arm(lab, "{\"fault\": \"reset-on-reuse\", \"requests\": 1}").get("id").asText();
        try (RawConnection connection = lab.connect()) {
            RawResponse first = connection.get("/test1.jpg");
            assertEquals(200, first.status());
            String label = first.header("X-Connection-Label").orElseThrow();
            connection.send("GET /test2.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(RawConnection.End.RST, connection.awaitEnd(), "the second request on the connection meets a reset");
            assertEquals("reset-on-reuse", LabRecord.finished(lab, label, 1).fault());
            assertEquals("closed/fault/reset-on-reuse", LabRecord.finished(lab, label, 2).decided());
        }
        try (RawConnection next = lab.connect()) {
            RawResponse response = next.get("/test1.jpg");
            assertEquals(200, next.get("/test2.jpg").status(), "the count is used up: the next connection is reused");
            assertEquals(null, LabRecord.finished(lab, response.header("X-Connection-Label").orElseThrow(), 1).fault());
        }
        JsonNode used = json(send(lab, "GET", "/control/faults/" + id, null));
        assertEquals(0, used.get("remaining").asInt(), used.toString());
        assertEquals(1, used.get("applied").asInt(), used.toString());
    }

    /**
     * A count is given only where the fault is made: a response that closes its connection (here the client's
     * Connection: close) passes by a fault that needs the connection to stay open, and the next kept one gets it.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reset-on-reuse", "reset", "silent-close"})
    void aCountedFaultPassesAClosingResponseByForOneThatStaysOpen(String fault) throws Exception {
        String id = arm(lab, "{\"fault\": \"" + fault + "\", \"requests\": 1, \"client\": \"closing-test\"}").get("id").asText();
        try (RawConnection closing = lab.connect()) {
            RawResponse response = closing.get("/test1.jpg?client=closing-test", "Connection: close");
            assertEquals(200, response.status(), response.toString());
            assertEquals(null, LabRecord.finished(lab, response.header("X-Connection-Label").orElseThrow(), 1).fault(),
                    "the closing response is not given the fault");
        }
        assertEquals(1, json(send(lab, "GET", "/control/faults/" + id, null)).get("remaining").asInt(), "the count is still there");
        try (RawConnection kept = lab.connect()) {
            RawResponse first = kept.get("/test1.jpg?client=closing-test");
            assertEquals(200, first.status());
            if (fault.endsWith("-on-reuse")) {
                kept.send("GET /test2.jpg?client=closing-test HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            assertEquals(fault.startsWith("reset") ? RawConnection.End.RST : RawConnection.End.FIN, kept.awaitEnd(),
                    "the kept connection meets the fault");
            assertEquals(fault, LabRecord.finished(lab, first.header("X-Connection-Label").orElseThrow(), 1).fault());
        }
        JsonNode used = json(send(lab, "GET", "/control/faults/" + id, null));
        assertEquals(0, used.get("remaining").asInt(), used.toString());
        assertEquals(1, used.get("applied").asInt(), used.toString());
    }

    /** After DELETE /control/faults no fault waits anywhere: an on-reuse fault left on an open connection is cleared too. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"an armed fault", "the request's ?fault="})
    void disarmingEveryFaultClearsTheOnReuseFaultsLeftOnOpenConnections(String armedBy) throws Exception {
        boolean armed = armedBy.equals("an armed fault");
        if (armed) {
            arm(lab, "{\"fault\": \"reset-on-reuse\", \"requests\": 1}");
        }
        try (RawConnection stale = lab.connect()) {
            RawResponse first = stale.get(armed ? "/test1.jpg" : "/test1.jpg?fault=reset-on-reuse");
            assertEquals(200, first.status());
            assertEquals("reset-on-reuse", LabRecord.finished(lab, first.header("X-Connection-Label").orElseThrow(), 1).fault());
            assertEquals(204, send(lab, "DELETE", "/control/faults", null).status());
            RawResponse next = stale.get("/test2.jpg");
            assertEquals(200, next.status(), "the connection is served as the settings say: " + next);
            assertEquals(first.header("X-Connection-Label"), next.header("X-Connection-Label"));
        }
    }

    /**
     * Which routes an armed fault goes to: only those that serve content (the page, an image, /submit), never an error,
     * the record, the control API or the client checks, so that a stray request (a browser's /favicon.ico) does not use
     * one up.
     *
     * @param name    what the row shows
     * @param request the raw request line and any header lines, without Host, User-Agent and the blank line
     * @param body    its body
     * @param status  the status it gets
     * @param given   whether it is given the armed fault
     */
    record RouteRow(String name, String request, String body, int status, boolean given) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RouteRow> routes() {
        return Stream.of(
                new RouteRow("the page", "GET / HTTP/1.1", "", 200, true),
                new RouteRow("an image", "GET /test1.jpg HTTP/1.1", "", 200, true),
                new RouteRow("an image's HEAD", "HEAD /test1.jpg HTTP/1.1", "", 200, true),
                new RouteRow("/submit", "POST /submit HTTP/1.1", "hello", 200, true),
                new RouteRow("404 for a path the lab does not serve", "GET /favicon.ico HTTP/1.1", "", 404, false),
                new RouteRow("405 for a method the lab does not take", "DELETE /test1.jpg HTTP/1.1", "", 405, false),
                new RouteRow("400 for a bad query", "GET /test1.jpg?connection=sometimes HTTP/1.1", "", 400, false),
                new RouteRow("413 for a body over 1 MiB", "POST /submit HTTP/1.1\r\nContent-Length: " + ((1 << 20) + 1), "xyz", 413, false),
                new RouteRow("/connections", "GET /connections HTTP/1.1", "", 200, false),
                new RouteRow("the control API", "GET /control/faults HTTP/1.1", "", 200, false),
                new RouteRow("the client checks (a run starts)", "GET /check HTTP/1.1", "", 302, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void armedFaultsGoOnlyToTheRoutesThatServeContent(RouteRow row) throws Exception {
        String id = arm(lab, "{\"fault\": \"delay=1ms\", \"client\": \"routes-test\"}").get("id").asText();
        try (RawConnection connection = lab.connect()) {
            connection.send(row.request() + "\r\nHost: localhost\r\nUser-Agent: routes-test\r\n"
                    + (row.body().isEmpty() || row.request().contains("Content-Length") ? "" : "Content-Length: " + row.body().length() + "\r\n")
                    + "\r\n" + row.body());
            RawResponse response = connection.readResponse(row.request().startsWith("HEAD"));
            assertEquals(row.status(), response.status(), response.toString());
            assertEquals(row.given() ? "delay=1ms" : null, LabRecord.finished(lab, response.header("X-Connection-Label").orElseThrow(),
                    1).fault(), "the record's fault");
        }
        assertEquals(row.given() ? 1 : 0, json(send(lab, "GET", "/control/faults/" + id, null)).get("applied").asInt(), "applied");
    }

    /** An armed truncate is not made on HTTP/2: h2c requests pass it by, whole, and the next HTTP/1.1 request gets it. */
    @Test
    void anArmedTruncateIsPassedByOnH2cForTheNextHttp11Request() throws Exception {
        String id = arm(lab, "{\"fault\": \"truncate\", \"requests\": 1, \"client\": \"h2-test\"}").get("id").asText();
        try (H2Client h2 = H2Client.priorKnowledge(lab.port())) {
            for (int i = 0; i < 3; i++) {
                H2Client.Response whole = h2.get("/test1.jpg?client=h2-test");
                assertEquals(200, whole.status());
                assertEquals(TestLab.IMAGE_BYTES, whole.body().length, "the whole body on HTTP/2");
            }
        }
        JsonNode untouched = json(send(lab, "GET", "/control/faults/" + id, null));
        assertEquals(1, untouched.get("remaining").asInt(), untouched.toString());
        assertEquals(0, untouched.get("applied").asInt(), untouched.toString());
        try (RawConnection http11 = lab.connect()) {
            http11.send("GET /test1.jpg?client=h2-test HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThrows(EOFException.class, () -> http11.readResponse(false), "the HTTP/1.1 response is cut");
        }
        try (RawConnection next = lab.connect()) {
            assertEquals(TestLab.IMAGE_BYTES, next.get("/test1.jpg?client=h2-test").body().length, "the count is used up");
        }
        JsonNode used = json(send(lab, "GET", "/control/faults/" + id, null));
        assertEquals(0, used.get("remaining").asInt(), used.toString());
        assertEquals(1, used.get("applied").asInt(), used.toString());
        assertEquals(1, LabRecord.read(lab).requests().stream().filter(r -> "h2-test".equals(r.client()) && "truncate".equals(r.fault()))
                .count(), "one of its requests in the record has the fault");
    }

    @Test
    void pathAndClientSelectorsPickTheRequests() throws Exception {
        arm(lab, "{\"fault\": \"delay=1ms\", \"paths\": [\"test2*.jpg\"]}");
        arm(lab, "{\"fault\": \"drip=2ms\", \"client\": \"my-test\"}");
        try (RawConnection connection = lab.connect()) {
            assertEquals(null, faultOf(connection, "/test1.jpg", "curl/7.88.1"));
            assertEquals("delay=1ms", faultOf(connection, "/test2.jpg", "curl/7.88.1"));
            assertEquals("drip=2ms", faultOf(connection, "/test1.jpg?client=my-test", "curl/7.88.1"));
            assertEquals("drip=2ms", faultOf(connection, "/", "my-test"));
            assertEquals("delay=1ms", faultOf(connection, "/test2.jpg?client=my-test", "curl/7.88.1"), "the first armed wins");
            assertEquals(null, faultOf(connection, "/connections", "my-test"), "/connections never gets one");
        }
    }

    @Test
    void disarmingStopsTheFault() throws Exception {
        String id = arm(lab, "{\"fault\": \"delay=1ms\"}").get("id").asText();
        try (RawConnection connection = lab.connect()) {
            assertEquals("delay=1ms", faultOf(connection, "/test3.jpg", "curl/7.88.1"));
            assertEquals(204, send(lab, "DELETE", "/control/faults/" + id, null).status());
            assertEquals(null, faultOf(connection, "/test3.jpg", "curl/7.88.1"));
        }
    }

    @Test
    void aCountOfConnectionsFaultsEveryRequestOnTheFirstConnections() throws Exception {
        arm(lab, "{\"fault\": \"delay=1ms\", \"connections\": 1, \"paths\": [\"/test4.jpg\"]}");
        try (RawConnection first = lab.connect(); RawConnection second = lab.connect()) {
            assertEquals(null, faultOf(first, "/test1.jpg", "curl/7.88.1"), "an unmatched request claims no connection");
            assertEquals(null, faultOf(second, "/", "curl/7.88.1"));
            assertEquals("delay=1ms", faultOf(second, "/test4.jpg", "curl/7.88.1"), "the first to carry a matched request claims it");
            assertEquals(null, faultOf(first, "/test4.jpg", "curl/7.88.1"));
            assertEquals("delay=1ms", faultOf(second, "/test4.jpg", "curl/7.88.1"));
        }
    }

    /** Truncate cuts the body its client reads: 25 armed, 200 requests on 16 connections at once, exactly 25 cut. */
    @Test
    void aCountIsExactUnderConcurrentRequests() throws Exception {
        int armedCount = 25;
        int threads = 16;
        int perThread = 13;
        String id = arm(lab, "{\"fault\": \"truncate\", \"requests\": " + armedCount + ", \"client\": \"count-test\"}").get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> cuts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                cuts.add(pool.submit(() -> {
                    int cut = 0;
                    RawConnection connection = RawConnection.open(lab.port());
                    try {
                        for (int i = 0; i < perThread; i++) {
                            connection.send("GET /test5.jpg?client=count-test HTTP/1.1\r\nHost: localhost\r\n\r\n");
                            try {
                                assertEquals(200, connection.readResponse(false).status());
                            } catch (EOFException truncated) {
                                cut++;
                                connection.close();
                                connection = RawConnection.open(lab.port());
                            }
                        }
                    } finally {
                        connection.close();
                    }
                    return cut;
                }));
            }
            int seenCut = 0;
            for (Future<Integer> cut : cuts) {
                seenCut += cut.get();
            }
            assertEquals(armedCount, seenCut, "responses the clients saw cut");
        } finally {
            pool.shutdownNow();
        }
        Connections record = LabRecord.read(lab);
        List<Connections.Request> mine = record.requests().stream().filter(r -> "count-test".equals(r.client())).toList();
        assertEquals(threads * perThread, mine.size(), "every request is in the record");
        assertEquals(armedCount, mine.stream().filter(r -> "truncate".equals(r.fault())).count(), "requests the record says were cut");
        JsonNode used = json(send(lab, "GET", "/control/faults/" + id, null));
        assertEquals(armedCount, used.get("applied").asInt(), used.toString());
        assertEquals(0, used.get("remaining").asInt(), used.toString());
    }

    @Test
    void clearingTheRecordEmptiesConnectionsWhileIdsAndLabelsCountOn() throws Exception {
        try (TestLab own = TestLab.start(Map.of())) {
            String before;
            try (RawConnection connection = RawConnection.open(own.port())) {
                before = connection.get("/").header("X-Connection-Label").orElseThrow();
                RawResponse cleared = send(connection, "DELETE", "/control/record", null);
                assertEquals(204, cleared.status(), cleared.toString());
                Connections empty = read(own);
                assertEquals(List.of(), empty.requests().stream().filter(r -> !r.path().equals("/connections")).toList(),
                        "no request before the clear, the clear's own neither");
                assertEquals(List.of(), empty.clients(), "nothing in the clients summary");
                RawResponse after = connection.get("/test1.jpg");
                assertEquals(before, after.header("X-Connection-Label").orElseThrow(), "the same connection keeps its label");
                assertEquals("3", after.header("X-Connection-Request").orElseThrow(), "and counts on");
            }
            try (RawConnection fresh = RawConnection.open(own.port())) {
                String label = fresh.get("/").header("X-Connection-Label").orElseThrow();
                assertTrue(Integer.parseInt(label.substring(1)) > Integer.parseInt(before.substring(1)), "a new label: " + label);
            }
            Connections record = read(own);
            assertEquals(List.of("/test1.jpg", "/"), record.requests().stream().map(Connections.Request::path)
                    .filter(p -> !p.equals("/connections")).toList());
            assertEquals(4, record.requests().stream().filter(r -> r.path().equals("/test1.jpg")).findFirst().orElseThrow().id(),
                    "request ids count on: 1 GET /, 2 the clear, 3 the read of the empty record");
        }
    }

    private static Connections read(TestLab own) throws Exception {
        try (RawConnection connection = RawConnection.open(own.port())) {
            return Connections.parse(connection.get("/connections").body());
        }
    }

    /** The fault the record gives the request for {@code target} sent with {@code userAgent} on {@code connection}. */
    private static String faultOf(RawConnection connection, String target, String userAgent) throws Exception {
        RawResponse response = connection.get(target, "User-Agent: " + userAgent);
        assertEquals(200, response.status(), response.toString());
        return LabRecord.finished(lab, response.header("X-Connection-Label").orElseThrow(),
                Integer.parseInt(response.header("X-Connection-Request").orElseThrow())).fault();
    }
}
