package dev.keepalivelab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java API on a real lab, on the engine of this run: its config, its URLs, its typed record and awaitClosed. */
class KeepAliveLabServerWireTest {
    private static final LabConfig CONFIG = LabConfig.defaults().engine(TestLab.ENGINE);

    @Test
    void theTypedRecordSaysWhatTheJsonSaysFieldByField() throws Exception {
        try (KeepAliveLabServer lab = KeepAliveLabServer.start(CONFIG.https())) {
            HttpClient h2 = HttpClient.newBuilder().sslContext(lab.sslContext()).build();
            assertEquals(200, h2.send(HttpRequest.newBuilder(lab.httpsUrl("/test1.jpg?client=h2-test")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            try (RawConnection raw = RawConnection.open(lab.port())) {
                raw.get("/test2.jpg?fault=close-on-reuse");
                raw.send("GET /test3.jpg HTTP/1.1\r\nHost: lab\r\n\r\n");
                raw.awaitEnd();
            }
            String json = settled(lab.client());

            LabRecord typed = RecordJson.record(JsonObject.parse("the test's JSON", json));
            JsonNode tree = new ObjectMapper().readTree(json);
            RecordMatchesJson.assertMatches("GET /connections", typed, tree);

            RecordedRequest overH2 = typed.requestsBy("h2-test").get(0);
            assertEquals("HTTP/2.0", overH2.protocol());
            assertTrue(overH2.stream().isPresent(), "an h2 request has its stream: " + overH2);
            RecordedRequest sprung = typed.requests().stream().filter(r -> r.path().equals("/test3.jpg")).findFirst().orElseThrow();
            assertEquals(OptionalInt.empty(), sprung.status(), "the stale connection closed without a response");
            assertEquals("fault/close-on-reuse", sprung.reason());
            assertEquals(Optional.of("failed"), sprung.outcome());
            assertEquals(2, sprung.requestOnConnection());
            assertEquals("h2", typed.connection(overH2.connection()).orElseThrow().protocol());
        }
    }

    @Test
    void theRecordLeavesOutTheHarnesssOwnRequestsAndConnectionsAndTheRawRecordKeepsThem() throws Exception {
        try (KeepAliveLabServer lab = KeepAliveLabServer.start(CONFIG)) {
            String label;
            try (RawConnection raw = RawConnection.open(lab.port())) {
                label = raw.get("/test1.jpg?client=under-test").header("X-Connection-Label").orElseThrow();
                raw.get("/connections"); // the client under test's own read stays in the record
            }
            lab.disarmAll();
            String json = settled(lab.client());

            LabRecord raw = RecordJson.record(JsonObject.parse("the test's JSON", json));
            LabRecord seen = raw.withoutHarness();
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(json);
            RecordMatchesJson.assertMatches("GET /connections", raw, tree);
            RecordMatchesJson.assertMatches("GET /connections without the harness", seen, withoutHarness(tree));

            assertEquals(List.of("/test1.jpg", "/connections"), seen.requests().stream().map(RecordedRequest::path).toList());
            assertEquals(List.of(label), seen.connections().stream().map(RecordedConnection::label).toList());
            assertTrue(raw.requests().stream().anyMatch(r -> r.client().equals(LabClient.USER_AGENT)), "the raw record has them: " + raw);
            assertEquals(seen.requests(), lab.record().requests().stream().filter(r -> r.id() <= raw.requests().get(raw.requests().size() - 1).id()).toList(),
                    "record() is the view without the harness");
            assertTrue(lab.client().rawRecord().requests().stream().anyMatch(r -> r.client().equals(LabClient.USER_AGENT)));
            assertEquals(seen.requests(), lab.requests().subList(0, 2));
        }
    }

    /** {@code record} without the requests of {@value LabClient#USER_AGENT} and the connections that carried only those. */
    private static JsonNode withoutHarness(ObjectNode record) {
        List<JsonNode> requests = filter(record.get("requests"), r -> !r.get("client").asText().equals(LabClient.USER_AGENT));
        java.util.Set<String> kept = new java.util.HashSet<>();
        requests.forEach(r -> kept.add(r.get("connection").asText()));
        List<JsonNode> connections = filter(record.get("connections"), c -> kept.contains(c.get("label").asText()));
        record.putArray("requests").addAll(requests);
        record.putArray("connections").addAll(connections);
        return record;
    }

    private static List<JsonNode> filter(JsonNode array, java.util.function.Predicate<JsonNode> keep) {
        List<JsonNode> kept = new java.util.ArrayList<>();
        array.forEach(item -> {
            if (keep.test(item)) {
                kept.add(item);
            }
        });
        return kept;
    }

    @Test
    void awaitClosedReturnsTheConnectionOnceTheIdleTimeoutHasClosedIt() throws Exception {
        try (KeepAliveLabServer lab = KeepAliveLabServer.start(CONFIG.idleTimeout(Duration.ofMillis(300)));
             RawConnection raw = RawConnection.open(lab.port())) {
            String label = raw.get("/test1.jpg").header("X-Connection-Label").orElseThrow();

            RecordedConnection closed = lab.awaitClosed(label, TestLab.CLOSE_WAIT);

            assertEquals(Optional.of("idle-timeout"), closed.closeReason());
            assertEquals(Optional.of("server"), closed.closedBy());
            assertEquals(1, closed.requests());
            assertTrue(raw.awaitServerClose(TestLab.CLOSE_WAIT), "the socket saw the close the record says");
        }
    }

    @Test
    void awaitClosedFailsNamingTheConnectionThatStayedOpen() throws Exception {
        try (KeepAliveLabServer lab = KeepAliveLabServer.start(CONFIG);
             RawConnection raw = RawConnection.open(lab.port())) {
            String label = raw.get("/test1.jpg").header("X-Connection-Label").orElseThrow();

            AssertionError failure = assertThrows(AssertionError.class, () -> lab.awaitClosed(label, Duration.ofMillis(200)));

            assertTrue(failure.getMessage().startsWith("connection " + label + " did not close within 200 ms; the record last said"
                    + " RecordedConnection[label=" + label), failure.getMessage());
            assertTrue(failure.getMessage().contains("closed=Optional[false]"), failure.getMessage());
        }
    }

    @Test
    void theConfigIsTheLabsAndABadValueIsRefusedWithTheSettingsOwnMessage() throws Exception {
        try (KeepAliveLabServer lab = KeepAliveLabServer.start(CONFIG.maxRequestsPerConnection(2));
             RawConnection raw = RawConnection.open(lab.port())) {
            assertEquals(Optional.empty(), raw.get("/test1.jpg").header("Connection"));
            RawResponse second = raw.get("/test2.jpg");
            assertTrue(second.announcesClose(), "the second response closes under maxRequestsPerConnection=2: " + second);
        }
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> CONFIG.maxRequestsPerConnection(-1));
        assertEquals("Invalid value '-1' for " + Setting.MAX_REQUESTS_PER_CONNECTION.flag() + ": allowed is "
                + Setting.MAX_REQUESTS_PER_CONNECTION.allowedValues() + ".", refused.getMessage());
        assertThrows(InvalidSettingException.class, () -> CONFIG.with(Setting.CONNECTION, "sometimes"));
        assertEquals("close", CONFIG.with(Setting.CONNECTION, "close").valueOf(Setting.CONNECTION));
    }

    @Test
    void urlsNameThePortsTheLabListensOn() throws Exception {
        try (KeepAliveLabServer lab = KeepAliveLabServer.start(CONFIG)) {
            assertEquals(URI.create("http://127.0.0.1:" + lab.port() + "/test1.jpg?connection=close"),
                    lab.url("/test1.jpg?connection=close"));
            IllegalStateException noHttps = assertThrows(IllegalStateException.class, () -> lab.httpsUrl("/"));
            assertEquals("This lab serves no HTTPS: start it with LabConfig.https()", noHttps.getMessage());
        }
    }

    /** The record's JSON once every request in it but the record's own reads has finished. */
    private static String settled(LabClient client) throws Exception {
        return Await.until("every request finished", TestLab.CLOSE_WAIT, client::recordJson, json -> {
            try {
                for (JsonNode r : new ObjectMapper().readTree(json).get("requests")) {
                    if (r.get("outcome").isNull() && !r.get("path").asText().equals("/connections")) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
