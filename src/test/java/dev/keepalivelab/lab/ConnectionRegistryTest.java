package dev.keepalivelab.lab;

import dev.keepalivelab.lab.protocol.ConnectionDecision;
import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.lab.fault.Effects;
import dev.keepalivelab.lab.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConnectionRegistryTest {
    static final Instant NOW = Instant.parse("2026-11-25T21:00:00Z");
    static final ConnectionDecision KEPT = new ConnectionDecision(false, Reason.POLICY, 0);
    static final ConnectionDecision CLOSED = new ConnectionDecision(true, Reason.MAX_REQUESTS, 0);

    static final RequestRecord.Facts FACTS = new RequestRecord.Facts("GET", "/test1.jpg", "HTTP/1.1", Protocol.HTTP_1_1, 40000, 200, 0, 0, null, "-", 0);

    static RequestRecord serve(ConnectionRegistry registry, String key, ConnectionDecision decision) {
        Exchange exchange = registry.begin(key, 40000, Protocol.HTTP_1_1, false, NOW, true);
        return registry.decide(exchange, FACTS, decision, Effects.NONE, NOW);
    }

    static ConnectionRegistry.Snapshot all(ConnectionRegistry registry) {
        return registry.snapshot(r -> true);
    }

    @Test
    void aServerThatReportsReplacesTheDecisionWithWhatHappened() {
        ConnectionRegistry registry = new ConnectionRegistry(100, true);
        Exchange exchange = registry.begin("a", 40000, Protocol.HTTP_1_1, false, NOW, true);
        registry.decide(exchange, FACTS, KEPT, Effects.NONE, NOW);
        assertNull(all(registry).requests().get(0).delivery(), "in progress: no outcome yet");
        assertEquals(Boolean.FALSE, all(registry).connections().get(0).closed());

        String outcome = registry.complete(exchange, new ResponseOutcome(false, 0, false, Reason.REQUEST_TIMEOUT));
        assertEquals("closed/request-timeout", outcome);
        RequestRecord record = all(registry).requests().get(0);
        assertEquals(RequestRecord.Delivery.FAILED, record.delivery());
        assertEquals(0, record.bodyBytes());
        exchange.connection().end(new ConnectionEnd(ConnectionEnd.Closer.SERVER, Reason.IDLE_TIMEOUT, NOW));
        ConnectionRegistry.ConnectionView connection = all(registry).connections().get(0);
        assertEquals(Boolean.TRUE, connection.closed());
        assertEquals(Reason.REQUEST_TIMEOUT, connection.closeReason(), "the response's failure says why, not the socket's timeout");
        assertEquals(ConnectionEnd.Closer.SERVER, connection.closedBy());
        exchange.connection().release();
        assertEquals(0, registry.liveConnections(), "a closed socket's connection is no longer counted");
    }

    @Test
    void theLabsReasonStandsWhereTheServerClosedAsAsked() {
        ConnectionRegistry registry = new ConnectionRegistry(100, true);
        Exchange exchange = registry.begin("a", 40000, Protocol.HTTP_1_1, false, NOW, true);
        registry.decide(exchange, FACTS, CLOSED, Effects.NONE, NOW);
        exchange.connection().end(new ConnectionEnd(ConnectionEnd.Closer.SERVER, null, NOW));
        assertEquals("closed/max-requests", registry.complete(exchange, new ResponseOutcome(true, 10, false, Reason.ERROR)));
        assertEquals(Reason.MAX_REQUESTS, all(registry).connections().get(0).closeReason());
    }

    @Test
    void aConnectionTheServerClosedOfItsOwnAccordSaysWhy() {
        ConnectionRegistry registry = new ConnectionRegistry(100, true);
        Exchange exchange = registry.begin("a", 40000, Protocol.HTTP_1_1, false, NOW, true);
        registry.decide(exchange, FACTS, KEPT, Effects.NONE, NOW);
        assertEquals("closed/unread-body", registry.complete(exchange, new ResponseOutcome(true, 10, false, Reason.UNREAD_BODY)));
        assertEquals(Reason.UNREAD_BODY, all(registry).connections().get(0).closeReason());
    }

    @Test
    void aKeptConnectionThatTheClientClosesLaterEndsAsTheClients() {
        ConnectionRegistry registry = new ConnectionRegistry(100, true);
        Exchange exchange = registry.begin("a", 40000, Protocol.HTTP_1_1, false, NOW, true);
        registry.decide(exchange, FACTS, KEPT, Effects.NONE, NOW);
        assertEquals("kept/policy", registry.complete(exchange, new ResponseOutcome(true, 10, true, null)));
        exchange.connection().end(new ConnectionEnd(ConnectionEnd.Closer.CLIENT, Reason.CLIENT, NOW));
        ConnectionRegistry.ConnectionView connection = all(registry).connections().get(0);
        assertEquals("kept/policy", all(registry).requests().get(0).describe());
        assertEquals(Reason.CLIENT, connection.closeReason());
        assertEquals(ConnectionEnd.Closer.CLIENT, connection.closedBy());
        assertEquals("c1", serve(registry, "a", KEPT).connectionLabel(), "ended (an HTTP/2 GOAWAY) but open: streams still count on it");
        exchange.connection().release();
        assertEquals("c2", serve(registry, "a", KEPT).connectionLabel(), "a released (closed) connection's key starts a new one");
    }

    @Test
    void whereTheServerNeverSaysAnOpenConnectionIsNotClaimedOpen() {
        ConnectionRegistry registry = new ConnectionRegistry(100, false);
        Exchange exchange = registry.begin("a", 40000, Protocol.HTTP_1_1, false, NOW, true);
        registry.decide(exchange, FACTS, KEPT, Effects.NONE, NOW);
        registry.complete(exchange, ResponseOutcome.withoutConnectionFacts(true, 10));
        assertNull(all(registry).connections().get(0).closed());
        serve(registry, "b", CLOSED);
        assertEquals(Boolean.TRUE, all(registry).connections().get(1).closed());
    }

    @Test
    void labelsConnectionsInOrderOfFirstSightAndCountsRequestsOnEach() {
        ConnectionRegistry registry = new ConnectionRegistry(100, false);
        List<String> seen = List.of(
                serve(registry, "a", KEPT), serve(registry, "b", KEPT), serve(registry, "a", KEPT), serve(registry, "a", KEPT))
                .stream().map(r -> r.connectionLabel() + "#" + r.requestOnConnection()).toList();
        assertEquals(List.of("c1#1", "c2#1", "c1#2", "c1#3"), seen);
    }

    @Test
    void aClosedConnectionIsForgottenSoItsKeyStartsANewConnection() {
        ConnectionRegistry registry = new ConnectionRegistry(100, false);
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
        ConnectionRegistry registry = new ConnectionRegistry(50, false);
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
