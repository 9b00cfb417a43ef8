package dev.keepalivelab.lab;

import dev.keepalivelab.lab.ConnectionDecision.Reason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConnectionRegistryTest {
    static final Instant NOW = Instant.parse("2026-11-25T21:00:00Z");
    static final ConnectionDecision KEPT = new ConnectionDecision(false, Reason.POLICY, 0);
    static final ConnectionDecision CLOSED = new ConnectionDecision(true, Reason.MAX_REQUESTS, 0);

    static RequestRecord serve(ConnectionRegistry registry, String key, ConnectionDecision decision) {
        ConnectionRegistry.Visit visit = registry.begin(key, 40000, NOW);
        return registry.finish(visit, new RequestRecord.Facts("GET", "/test1.jpg", "HTTP/1.1", 40000, 200, 0), decision, NOW);
    }

    @Test
    void labelsConnectionsInOrderOfFirstSightAndCountsRequestsOnEach() {
        ConnectionRegistry registry = new ConnectionRegistry(100);
        List<String> seen = List.of(
                serve(registry, "a", KEPT), serve(registry, "b", KEPT), serve(registry, "a", KEPT), serve(registry, "a", KEPT))
                .stream().map(r -> r.connectionLabel() + "#" + r.requestOnConnection()).toList();
        assertEquals(List.of("c1#1", "c2#1", "c1#2", "c1#3"), seen);
    }

    @Test
    void aClosedConnectionIsForgottenSoItsKeyStartsANewConnection() {
        ConnectionRegistry registry = new ConnectionRegistry(100);
        serve(registry, "a", CLOSED);
        assertEquals(0, registry.liveConnections());
        RequestRecord again = serve(registry, "a", KEPT);
        assertEquals("c2", again.connectionLabel());
        assertEquals(1, again.requestOnConnection());
        ConnectionRegistry.ConnectionView closed = registry.snapshot(r -> true).connections().get(0);
        assertEquals(Reason.MAX_REQUESTS, closed.closeReason());
        assertNull(registry.snapshot(r -> true).connections().get(1).closeReason());
    }

    @Test
    void connectionsThatVanishWithoutTellingAreEvictedSoMemoryStaysBounded() {
        ConnectionRegistry registry = new ConnectionRegistry(50);
        serve(registry, "busy", KEPT);
        int vanished = ConnectionRegistry.LIVE_CAPACITY * 3;
        for (int i = 0; i < vanished; i++) {
            serve(registry, "vanished-" + i, KEPT);
            if (i % 1000 == 0) {
                serve(registry, "busy", KEPT);
            }
        }
        assertEquals(ConnectionRegistry.LIVE_CAPACITY, registry.liveConnections());
        RequestRecord busy = serve(registry, "busy", KEPT);
        assertEquals("c1", busy.connectionLabel(), "a connection in use keeps its label while vanished ones are evicted");
        assertEquals(vanished / 1000 + 2, busy.requestOnConnection());
        ConnectionRegistry.Snapshot snapshot = registry.snapshot(r -> true);
        assertEquals(50, snapshot.requests().size(), "the request history is a ring of historySize");
        assertEquals(vanished + vanished / 1000 + 2, snapshot.requestsSeen());
    }
}
