package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection labels, GET /connections and per-request overrides, on real sockets. */
class ConnectionsApiWireTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** Whether a connection has ended and the record says why (it can say closed a moment before it says why). */
    static boolean ended(JsonNode connection) {
        return connection.get("closed").asBoolean() && !connection.get("closeReason").isNull();
    }

    /** Polls /connections until connection {@code label} satisfies {@code condition}; fails after {@link #CLOSE_WAIT}. */
    static JsonNode awaitConnection(TestLab lab, String query, String label, Predicate<JsonNode> condition) throws Exception {
        return awaitConnection(lab, query, c -> c.get("label").asText().equals(label) && condition.test(c));
    }

    /** Polls /connections until one of its connections satisfies {@code condition}; fails after {@link #CLOSE_WAIT}. */
    static JsonNode awaitConnection(TestLab lab, String query, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (true) {
            for (JsonNode connection : connections(lab, query).get("connections")) {
                if (condition.test(connection)) {
                    return connection;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no connection reached the expected state: " + connections(lab, query));
            }
            Thread.sleep(20);
        }
    }

    /** The recorded requests on the connection labelled {@code label}, oldest first. */
    static List<JsonNode> requestsOn(TestLab lab, String label) throws Exception {
        List<JsonNode> requests = new ArrayList<>();
        connections(lab, "").get("requests").forEach(r -> {
            if (r.get("connection").asText().equals(label)) {
                requests.add(r);
            }
        });
        return requests;
    }

    static JsonNode connections(TestLab lab, String query) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/connections" + query);
            assertEquals(200, response.status(), response.bodyText());
            assertEquals(Optional.of("application/json"), response.header("Content-Type"));
            assertEquals(Optional.of("no-store"), response.header("Cache-Control"));
            return JSON.readTree(response.body());
        }
    }

    static long loadIdOf(RawResponse page) {
        Matcher m = Pattern.compile("data-load=\"(\\d+)\"").matcher(page.bodyText());
        assertTrue(m.find(), "page has no load id");
        return Long.parseLong(m.group(1));
    }

    @Test
    void everyResponseNamesItsConnectionAndItsIndexThere() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection first = lab.connect(); RawConnection second = lab.connect()) {
                RawResponse a1 = first.get("/test1.jpg");
                RawResponse b1 = second.get("/");
                RawResponse a2 = first.get("/nothing-here");
                assertEquals(Optional.of("c1"), a1.header("X-Connection-Label"));
                assertEquals(Optional.of("1"), a1.header("X-Connection-Request"));
                assertEquals(Optional.of("c2"), b1.header("X-Connection-Label"));
                assertEquals(Optional.of("1"), b1.header("X-Connection-Request"));
                assertEquals(404, a2.status());
                assertEquals(Optional.of("c1"), a2.header("X-Connection-Label"), "errors are labelled too");
                assertEquals(Optional.of("2"), a2.header("X-Connection-Request"));
            }
        }
    }

    @Test
    void aLongPathIsRememberedAsItsFirst256Characters() throws Exception {
        String longPath = "/" + "a".repeat(299) + "b";
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            assertEquals(404, connection.get(longPath).status());
            assertEquals(longPath.substring(0, 256) + "...", connections(lab, "").get("requests").get(0).get("path").asText());
        }
    }

    @Test
    void labelHeadersCanBeSwitchedOff() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("connectionHeaders", "false")); RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/test1.jpg");
            assertFalse(response.hasHeader("X-Connection-Label"), response.toString());
            assertFalse(response.hasHeader("X-Connection-Request"), response.toString());
        }
    }

    @Test
    void aPageLoadSeesExactlyItsOwnRequestsGroupedByConnection() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection other = lab.connect()) {
                other.get("/test5.jpg"); // not part of the page load below
            }
            long load;
            int pageBytes;
            JsonNode json;
            try (RawConnection a = lab.connect(); RawConnection b = lab.connect()) {
                RawResponse page = a.get("/");
                load = loadIdOf(page);
                pageBytes = page.body().length;
                assertTrue(page.bodyText().contains("<img src=\"test1.jpg?load=" + load + "\""), "images carry the load id");
                a.get("/test1.jpg?load=" + load);
                b.get("/test2.jpg?load=" + load);
                a.get("/test3.jpg?load=" + load);
                json = connections(lab, "?load=" + load);
            }
            List<String> requests = new ArrayList<>();
            json.get("requests").forEach(r -> requests.add(r.get("connection").asText() + "#" + r.get("requestOnConnection").asInt()
                    + " " + r.get("path").asText() + " " + r.get("decision").asText() + "/" + r.get("reason").asText()));
            assertEquals(List.of("c2#1 / kept/policy", "c2#2 /test1.jpg kept/policy", "c3#1 /test2.jpg kept/policy",
                    "c2#3 /test3.jpg kept/policy"), requests);
            JsonNode c2 = json.get("connections").get(0);
            assertEquals("c2", c2.get("label").asText());
            assertEquals(3, c2.get("requests").asInt());
            assertFalse(c2.get("closed").asBoolean(), "both clients still hold their connections");
            assertTrue(c2.get("closeReason").isNull());
            assertTrue(c2.get("closedBy").isNull());
            assertTrue(c2.get("remotePort").asInt() > 0);
            assertTrue(c2.get("firstSeen").asText().compareTo(c2.get("lastSeen").asText()) <= 0);
            assertEquals(2, json.get("connections").size());
            JsonNode first = json.get("requests").get(0);
            for (String field : List.of("id", "connection", "requestOnConnection", "method", "path", "protocol", "remotePort",
                    "status", "load", "decision", "reason", "outcome", "bytes", "time")) {
                assertTrue(first.has(field), "request field " + field);
            }
            assertEquals(load, first.get("load").asLong());
            assertEquals("HTTP/1.1", first.get("protocol").asText());
            assertEquals("complete", first.get("outcome").asText());
            assertEquals(pageBytes, first.get("bytes").asLong(), "the page's body bytes, as the client read them");

            JsonNode ended = awaitConnection(lab, "?load=" + load, "c2", ConnectionsApiWireTest::ended);
            assertEquals("client", ended.get("closedBy").asText(), "the test closed its sockets");
            assertEquals("client", ended.get("closeReason").asText());
            assertFalse(ended.get("closedAt").isNull());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            policy close           | connection=close         | HTTP/1.1 |                        | policy
            client close           | connection=keep-alive    | HTTP/1.1 | Connection: close      | client
            HTTP/1.0 without keep  | connection=keep-alive    | HTTP/1.0 |                        | http/1.0
            max requests reached   | maxRequestsPerConnection=1 | HTTP/1.1 |                      | max-requests
            """)
    void closeDecisionsAreRecordedWithTheirReason(String name, String param, String version, String header, String reason)
            throws Exception {
        String[] kv = param.split("=");
        try (TestLab lab = TestLab.start(Map.of(kv[0], kv[1]))) {
            try (RawConnection connection = lab.connect()) {
                connection.exchange("GET", "/test1.jpg", version, header == null ? new String[0] : new String[]{header});
                assertTrue(connection.awaitServerClose(CLOSE_WAIT), name);
            }
            JsonNode connection = awaitConnection(lab, "", "c1", ConnectionsApiWireTest::ended);
            JsonNode request = requestsOn(lab, "c1").get(0);
            assertEquals("closed", request.get("decision").asText());
            assertEquals(reason, request.get("reason").asText());
            assertEquals(reason, connection.get("closeReason").asText());
        }
    }

    /** As docs/watching-connections.md says: the view shows each client's port, and nothing else about the client. */
    @Test
    void theViewShowsClientPortsAndNoAddresses() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/connections", "User-Agent: secret-agent/1.0");
            JsonNode json = JSON.readTree(response.body());
            assertEquals(connection.localPort(), json.get("requests").get(0).get("remotePort").asInt());
            assertEquals(connection.localPort(), json.get("connections").get(0).get("remotePort").asInt());
            String text = response.bodyText();
            assertFalse(text.contains("127.0.0.1") || text.contains("localhost"), text);
            // The User-Agent names the client, since the clients summary is per client; nowhere else.
            assertEquals("secret-agent/1.0", json.get("requests").get(0).get("client").asText());
            assertEquals(1, text.split("secret-agent", -1).length - 1, "only the request's client field: " + text);
        }
    }

    @Test
    void sinceReturnsOnlyLaterRequests() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            for (int i = 0; i < 3; i++) {
                connection.get("/test1.jpg");
            }
            JsonNode later = connections(lab, "?since=2");
            List<Long> ids = new ArrayList<>();
            later.get("requests").forEach(r -> ids.add(r.get("id").asLong()));
            assertEquals(List.of(3L, 4L), ids, "request 3 and the /connections request itself");
        }
    }

    @Test
    void historyIsBounded() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("historySize", "5")); RawConnection connection = lab.connect()) {
            for (int i = 0; i < 20; i++) {
                connection.get("/test1.jpg");
            }
            JsonNode json = connections(lab, "");
            assertEquals(5, json.get("requests").size());
            assertEquals(21, json.get("requests").get(4).get("id").asLong(), "the newest are kept");
            assertEquals(21, json.get("requestsSeen").asLong());
        }
    }

    @Test
    void anOverrideClosesOneResponseAndThePageCarriesItIntoItsImages() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection connection = lab.connect()) {
                RawResponse page = connection.get("/?connection=close");
                assertTrue(page.bodyText().contains("<img src=\"test1.jpg?load=" + loadIdOf(page) + "&amp;connection=close\""),
                        "image URLs carry the override");
                assertEquals(Optional.of("close"), page.header("Connection"));
                assertTrue(connection.awaitServerClose(CLOSE_WAIT));
            }
            try (RawConnection connection = lab.connect()) {
                assertEquals(Optional.of("close"), connection.get("/test1.jpg?connection=close").header("Connection"));
                assertTrue(connection.awaitServerClose(CLOSE_WAIT));
            }
        }
    }

    @ParameterizedTest(name = "allowOverrides=false ignores {0}")
    @CsvSource({"?connection=close", "?connection=bogus", "?connection=close&connection=default"})
    void overridesCanBeSwitchedOff(String query) throws Exception {
        try (TestLab lab = TestLab.start(Map.of("allowOverrides", "false")); RawConnection connection = lab.connect()) {
            RawResponse image = connection.get("/test1.jpg" + query);
            assertEquals(200, image.status());
            assertFalse(image.hasHeader("Connection"), "the override is ignored");
            assertEquals(200, connection.get("/test1.jpg").status(), "and the connection is kept");
        }
    }

    @Test
    void unknownPathsAre404WhateverTheirQuery() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            assertEquals(404, connection.get("/nope?load=x&connection=sometimes").status());
        }
    }

    @ParameterizedTest(name = "GET {0} is 400")
    @CsvSource(delimiter = '|', textBlock = """
            /test1.jpg?connection=sometimes                       | Invalid query parameter connection: allowed are keep-alive, close, default.
            /?connection=Close                                    | Invalid query parameter connection: allowed are keep-alive, close, default.
            /test1.jpg?connection=close%0d%0aX-Injected:%20yes    | Invalid query parameter connection: allowed are keep-alive, close, default.
            /test1.jpg?connection=close&connection=keep-alive     | Query parameter connection given 2 times: give it once.
            /test1.jpg?load=abc                                   | Invalid query parameter load: allowed is a request id: a whole number of at most 18 digits.
            /connections?since=-1                                 | Invalid query parameter since: allowed is a request id: a whole number of at most 18 digits.
            /connections?since=1000000000000000000                | Invalid query parameter since: allowed is a request id: a whole number of at most 18 digits.
            /connections?since=9223372036854775807                | Invalid query parameter since: allowed is a request id: a whole number of at most 18 digits.
            /test1.jpg?load=0999999999999999999                   | Invalid query parameter load: allowed is a request id: a whole number of at most 18 digits.
            """)
    void badQueryParametersAreRejectedWithoutReflection(String path, String message) throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            RawResponse response = connection.get(path);
            assertEquals(400, response.status());
            assertEquals(message + "\n", response.bodyText());
            assertFalse(response.hasHeader("X-Injected"));
            assertEquals(200, connection.get("/test1.jpg").status(), "the connection is still served");
        }
    }

    @ParameterizedTest(name = "GET {0} is 200")
    @CsvSource({"/connections?since=999999999999999999", "/test1.jpg?load=999999999999999999", "/connections?since=000000000000000000"})
    void requestIdsOfEighteenDigitsAreAccepted(String path) throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            assertEquals(200, connection.get(path).status());
        }
    }

    @Test
    void thePageIsProtectedByAContentSecurityPolicyItsOwnScriptSatisfies() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            RawResponse page = connection.get("/");
            String csp = page.header("Content-Security-Policy").orElseThrow();
            assertFalse(csp.contains("unsafe-inline"), csp);
            String html = page.bodyText();
            String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
            String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
            assertTrue(csp.contains("script-src 'sha256-" + sha256(script) + "'"), csp);
            assertTrue(csp.contains("style-src 'sha256-" + sha256(style) + "'"), csp);
            assertEquals(Optional.of("nosniff"), page.header("X-Content-Type-Options"));
        }
    }

    static String sha256(String text) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
