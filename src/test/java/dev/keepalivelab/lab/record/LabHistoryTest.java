package dev.keepalivelab.lab.record;

import dev.keepalivelab.lab.connection.ConnectionEnd;
import dev.keepalivelab.lab.connection.ConnectionRegistry;
import dev.keepalivelab.lab.connection.ConnectionView;
import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.fault.Effects;
import dev.keepalivelab.lab.protocol.ConnectionDecision;
import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.lab.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LabHistoryTest {
    static final Instant NOW = Instant.parse("2026-11-25T21:00:00Z");
    static final ConnectionDecision KEPT = new ConnectionDecision(false, Reason.POLICY, 0);
    static final ConnectionDecision CLOSED = new ConnectionDecision(true, Reason.MAX_REQUESTS, 0);

    static final RequestRecord.Facts FACTS = new RequestRecord.Facts("GET", "/test1.jpg", "HTTP/1.1", Protocol.HTTP_1_1, 40000, 200, 0, 0, null, "-", 0);

    /** The lab's record, and the connections that a foreign container names by key. */
    record Lab(LabHistory history, ConnectionRegistry keyed) {
        Lab(int historySize, boolean serverReportsConnections) {
            this(new LabHistory(historySize, serverReportsConnections), new ConnectionRegistry());
        }

        Exchange begin(LabConnection connection) {
            return history.begin(connection, 40000, Protocol.HTTP_1_1, false, NOW, true);
        }

        RequestRecord serve(LabConnection connection, ConnectionDecision decision) {
            return history.decide(begin(connection), FACTS, decision, Effects.NONE, NOW);
        }

        RequestRecord serve(String key, ConnectionDecision decision) {
            return serve(keyed.byKey(key), decision);
        }

        LabHistory.Snapshot all() {
            return history.snapshot(r -> true);
        }
    }

    @Test
    void aServerThatReportsReplacesTheDecisionWithWhatHappened() {
        Lab lab = new Lab(100, true);
        Exchange exchange = lab.begin(LabConnection.accepted());
        lab.history().decide(exchange, FACTS, KEPT, Effects.NONE, NOW);
        assertNull(lab.all().requests().get(0).delivery(), "in progress: no outcome yet");
        assertEquals(Boolean.FALSE, lab.all().connections().get(0).closed());

        String outcome = exchange.complete(new ResponseOutcome(false, 0, false, Reason.REQUEST_TIMEOUT));
        assertEquals("closed/request-timeout", outcome);
        RequestRecord record = lab.all().requests().get(0);
        assertEquals(RequestRecord.Delivery.FAILED, record.delivery());
        assertEquals(0, record.bodyBytes());
        exchange.connection().end(new ConnectionEnd(ConnectionEnd.Closer.SERVER, Reason.IDLE_TIMEOUT, NOW));
        ConnectionView connection = lab.all().connections().get(0);
        assertEquals(Boolean.TRUE, connection.closed());
        assertEquals(Reason.REQUEST_TIMEOUT, connection.closeReason(), "the response's failure says why, not the socket's timeout");
        assertEquals(ConnectionEnd.Closer.SERVER, connection.closedBy());
    }

    @Test
    void theLabsReasonStandsWhereTheServerClosedAsAsked() {
        Lab lab = new Lab(100, true);
        Exchange exchange = lab.begin(LabConnection.accepted());
        lab.history().decide(exchange, FACTS, CLOSED, Effects.NONE, NOW);
        exchange.connection().end(new ConnectionEnd(ConnectionEnd.Closer.SERVER, null, NOW));
        assertEquals("closed/max-requests", exchange.complete(new ResponseOutcome(true, 10, false, Reason.ERROR)));
        assertEquals(Reason.MAX_REQUESTS, lab.all().connections().get(0).closeReason());
    }

    @Test
    void aConnectionTheServerClosedOfItsOwnAccordSaysWhy() {
        Lab lab = new Lab(100, true);
        Exchange exchange = lab.begin(LabConnection.accepted());
        lab.history().decide(exchange, FACTS, KEPT, Effects.NONE, NOW);
        assertEquals("closed/unread-body", exchange.complete(new ResponseOutcome(true, 10, false, Reason.UNREAD_BODY)));
        assertEquals(Reason.UNREAD_BODY, lab.all().connections().get(0).closeReason());
    }

    @Test
    void aKeptConnectionThatTheClientClosesLaterEndsAsTheClients() {
        Lab lab = new Lab(100, true);
        LabConnection socket = LabConnection.accepted();
        Exchange exchange = lab.begin(socket);
        lab.history().decide(exchange, FACTS, KEPT, Effects.NONE, NOW);
        assertEquals("kept/policy", exchange.complete(new ResponseOutcome(true, 10, true, null)));
        exchange.connection().end(new ConnectionEnd(ConnectionEnd.Closer.CLIENT, Reason.CLIENT, NOW));
        ConnectionView connection = lab.all().connections().get(0);
        assertEquals("kept/policy", lab.all().requests().get(0).describe());
        assertEquals(Reason.CLIENT, connection.closeReason());
        assertEquals(ConnectionEnd.Closer.CLIENT, connection.closedBy());
        assertEquals("c1", lab.serve(socket, KEPT).connectionLabel(), "ended (an HTTP/2 GOAWAY) but open: streams still count on it");
        assertEquals("c2", lab.serve(LabConnection.accepted(), KEPT).connectionLabel(), "the next socket is a new connection");
    }

    @Test
    void aConnectionThatNeverCarriesARequestIsNeitherLabelledNorRecorded() {
        Lab lab = new Lab(100, true);
        LabConnection idle = LabConnection.accepted();
        idle.end(new ConnectionEnd(ConnectionEnd.Closer.CLIENT, Reason.CLIENT, NOW));
        assertEquals("c1", lab.serve(LabConnection.accepted(), KEPT).connectionLabel(), "labels go in order of first request");
        assertEquals(1, lab.all().connections().size());
        assertEquals(1, lab.all().connectionsSeen());
        assertNull(idle.label());
    }

    @Test
    void whereTheServerNeverSaysAnOpenConnectionIsNotClaimedOpen() {
        Lab lab = new Lab(100, false);
        Exchange exchange = lab.begin(lab.keyed().byKey("a"));
        lab.history().decide(exchange, FACTS, KEPT, Effects.NONE, NOW);
        exchange.complete(ResponseOutcome.withoutConnectionFacts(true, 10));
        assertNull(lab.all().connections().get(0).closed());
        lab.serve("b", CLOSED);
        assertEquals(Boolean.TRUE, lab.all().connections().get(1).closed());
    }

    @Test
    void labelsConnectionsInOrderOfFirstSightAndCountsRequestsOnEach() {
        Lab lab = new Lab(100, false);
        List<String> seen = List.of(
                lab.serve("a", KEPT), lab.serve("b", KEPT), lab.serve("a", KEPT), lab.serve("a", KEPT))
                .stream().map(r -> r.connectionLabel() + "#" + r.requestOnConnection()).toList();
        assertEquals(List.of("c1#1", "c2#1", "c1#2", "c1#3"), seen);
    }

    @Test
    void aClosedConnectionIsForgottenSoItsKeyStartsANewConnection() {
        Lab lab = new Lab(100, false);
        lab.serve("a", CLOSED);
        assertEquals(0, lab.keyed().size());
        RequestRecord again = lab.serve("a", KEPT);
        assertEquals("c2", again.connectionLabel());
        assertEquals(1, again.requestOnConnection());
        ConnectionView closed = lab.all().connections().get(0);
        assertEquals(Reason.MAX_REQUESTS, closed.closeReason());
        assertNull(lab.all().connections().get(1).closeReason());
    }

    @Test
    void connectionsThatVanishWithoutTellingAreEvictedSoMemoryStaysBounded() {
        Lab lab = new Lab(50, false);
        lab.serve("busy", KEPT);
        int vanished = ConnectionRegistry.LIVE_CAPACITY * 3;
        for (int i = 0; i < vanished; i++) {
            lab.serve("vanished-" + i, KEPT);
            if (i % 1000 == 0) {
                lab.serve("busy", KEPT);
            }
        }
        assertEquals(ConnectionRegistry.LIVE_CAPACITY, lab.keyed().size());
        RequestRecord busy = lab.serve("busy", KEPT);
        assertEquals("c1", busy.connectionLabel(), "a connection in use keeps its label while vanished ones are evicted");
        assertEquals(vanished / 1000 + 2, busy.requestOnConnection());
        LabHistory.Snapshot snapshot = lab.all();
        assertEquals(50, snapshot.requests().size(), "the request history is a ring of historySize");
        assertEquals(vanished + vanished / 1000 + 2, snapshot.requestsSeen());
    }
}
