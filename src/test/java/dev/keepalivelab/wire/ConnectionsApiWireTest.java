package dev.keepalivelab.wire;

import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection labels, GET /connections and per-request overrides, on real sockets. */
class ConnectionsApiWireTest {
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
            assertEquals(longPath.substring(0, 256) + "...", LabRecord.read(lab).requests().get(0).path());
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
            Connections json;
            try (RawConnection a = lab.connect(); RawConnection b = lab.connect()) {
                RawResponse page = a.get("/");
                load = loadIdOf(page);
                pageBytes = page.body().length;
                assertTrue(page.bodyText().contains("<img src=\"test1.jpg?load=" + load + "\""), "images carry the load id");
                a.get("/test1.jpg?load=" + load);
                b.get("/test2.jpg?load=" + load);
                a.get("/test3.jpg?load=" + load);
                json = LabRecord.read(lab, "?load=" + load);
            }
            List<String> requests = json.requests().stream()
                    .map(r -> r.connection() + "#" + r.index() + " " + r.path() + " " + r.decided()).toList();
            assertEquals(List.of("c2#1 / kept/policy", "c2#2 /test1.jpg kept/policy", "c3#1 /test2.jpg kept/policy",
                    "c2#3 /test3.jpg kept/policy"), requests);
            Connections.Connection c2 = json.connections().get(0);
            assertEquals("c2", c2.label());
            assertEquals(3, c2.requests());
            assertFalse(c2.closed(), "both clients still hold their connections");
            assertNull(c2.closeReason());
            assertNull(c2.closedBy());
            assertTrue(c2.remotePort() > 0);
            assertTrue(c2.firstSeen().compareTo(c2.lastSeen()) <= 0);
            assertEquals(2, json.connections().size());
            // Every request has every documented field: Connections.parse fails on one missing.
            Connections.Request first = json.requests().get(0);
            assertEquals(load, (long) first.load());
            assertEquals("HTTP/1.1", first.protocol());
            assertEquals("complete", first.outcome());
            assertEquals(pageBytes, (long) first.bytes(), "the page's body bytes, as the client read them");

            Connections.Connection ended = LabRecord.awaitConnection(lab, "?load=" + load, "c2 to end",
                    c -> c.label().equals("c2") && c.ended());
            assertEquals("client", ended.closedBy(), "the test closed its sockets");
            assertEquals("client", ended.closeReason());
            assertNotNull(ended.closedAt());
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
            Connections.Connection connection = LabRecord.ended(lab, "c1");
            Connections.Request request = LabRecord.requestsOn(lab, "c1").get(0);
            assertEquals("closed", request.decision());
            assertEquals(reason, request.reason());
            assertEquals(reason, connection.closeReason());
        }
    }

    /** As docs/watching-connections.md says: the view shows each client's port, and nothing else about the client. */
    @Test
    void theViewShowsClientPortsAndNoAddresses() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/connections", "User-Agent: secret-agent/1.0");
            Connections json = Connections.parse(response.body());
            assertEquals(connection.localPort(), json.requests().get(0).remotePort());
            assertEquals(connection.localPort(), json.connections().get(0).remotePort());
            String text = response.bodyText();
            assertFalse(text.contains("127.0.0.1") || text.contains("localhost"), text);
            // The User-Agent names the client, since the clients summary is per client; nowhere else.
            assertEquals("secret-agent/1.0", json.requests().get(0).client());
            assertEquals(1, text.split("secret-agent", -1).length - 1, "only the request's client field: " + text);
        }
    }

    @Test
    void sinceReturnsOnlyLaterRequests() throws Exception {
        try (TestLab lab = TestLab.start(Map.of()); RawConnection connection = lab.connect()) {
            for (int i = 0; i < 3; i++) {
                connection.get("/test1.jpg");
            }
            List<Long> ids = LabRecord.read(lab, "?since=2").requests().stream().map(Connections.Request::id).toList();
            assertEquals(List.of(3L, 4L), ids, "request 3 and the /connections request itself");
        }
    }

    @Test
    void historyIsBounded() throws Exception {
        try (TestLab lab = TestLab.start(Map.of("historySize", "5")); RawConnection connection = lab.connect()) {
            for (int i = 0; i < 20; i++) {
                connection.get("/test1.jpg");
            }
            Connections json = LabRecord.read(lab);
            assertEquals(5, json.requests().size());
            assertEquals(21, json.requests().get(4).id(), "the newest are kept");
            assertEquals(21, json.requestsSeen());
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
