package dev.keepalivelab.testing;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LabClient against a real lab's control API, on the engine of this run: arm, read, disarm, clear, and the lab's refusals. */
class LabClientWireTest {
    private static KeepAliveLabServer lab;
    private static LabClient client;

    @BeforeAll
    static void start() {
        lab = KeepAliveLabServer.start(LabConfig.defaults().engine(TestLab.ENGINE));
        client = LabClient.of(URI.create("http://127.0.0.1:" + lab.port()));
    }

    @AfterEach
    void reset() {
        client.disarmAll();
        client.clearRecord();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void aFaultArmedForOneRequestIsGivenToTheNextRequestOnlyAndSaysSo() throws Exception {
        FaultStatus armed = client.arm(FaultSpec.of("close-on-reuse").requests(1).paths("/test1*.jpg").client("armed-test"));
        assertEquals("close-on-reuse", armed.fault());
        assertEquals(OptionalInt.of(1), armed.requests());
        assertEquals(OptionalInt.empty(), armed.connections());
        assertEquals(List.of("/test1*.jpg"), armed.paths());
        assertEquals(Optional.of("armed-test"), armed.client());
        assertEquals(OptionalInt.of(1), armed.remaining());
        assertEquals(0, armed.applied());
        assertEquals(List.of(armed), client.armedFaults());

        try (RawConnection raw = RawConnection.open(lab.port())) {
            raw.get("/test1.jpg?client=armed-test");
            raw.send("GET /test10.jpg?client=armed-test HTTP/1.1\r\nHost: lab\r\n\r\n");
            assertEquals(RawConnection.End.FIN, raw.awaitEnd(), "the connection the armed fault was given to closed on reuse");
        }
        FaultStatus used = client.armedFault(armed.id());
        assertEquals(OptionalInt.of(0), used.remaining());
        assertEquals(1, used.applied());
        RecordedRequest faulted = lab.record().requestsBy("armed-test").get(0);
        assertEquals(Optional.of("close-on-reuse"), faulted.fault());
    }

    @Test
    void disarmTakesOneFaultAndDisarmAllTakesEvery() {
        FaultStatus first = client.arm("delay=10ms");
        FaultStatus second = client.arm(FaultSpec.of("drip=100ms").connections(2));
        assertEquals(OptionalInt.of(2), second.connections());

        client.disarm(first);
        assertEquals(List.of(second.id()), client.armedFaults().stream().map(FaultStatus::id).toList());
        client.disarmAll();
        assertEquals(List.of(), client.armedFaults());
    }

    @Test
    void clearRecordEmptiesTheRecordAndLabelsKeepCounting() throws Exception {
        String before;
        try (RawConnection raw = RawConnection.open(lab.port())) {
            before = raw.get("/test1.jpg?client=before-clear").header("X-Connection-Label").orElseThrow();
        }
        client.clearRecord();
        LabRecord cleared = client.record();
        assertEquals(List.of(), cleared.requestsBy("before-clear"));
        assertEquals(List.of(), cleared.requests(), "the record is empty but for the client's own read, which it leaves out");
        assertEquals(List.of(LabClient.USER_AGENT), client.rawRecord().requests().stream().map(RecordedRequest::client).distinct().toList());
        try (RawConnection raw = RawConnection.open(lab.port())) {
            String after = raw.get("/test1.jpg").header("X-Connection-Label").orElseThrow();
            assertTrue(Integer.parseInt(after.substring(1)) > Integer.parseInt(before.substring(1)), before + " then " + after);
        }
    }

    @Test
    void theLabsRefusalsReachTheTestWithTheirStatusAndMessage() {
        LabClientException badCount = assertThrows(LabClientException.class, () -> client.arm(FaultSpec.of("reset").requests(0)));
        assertEquals(OptionalInt.of(400), badCount.status());
        assertTrue(badCount.getMessage().endsWith(" answered 400: Invalid value 0 for field requests: allowed is an integer from 1 to"
                + " 1000000."), badCount.getMessage());

        LabClientException unknown = assertThrows(LabClientException.class, () -> client.armedFault("f999999"));
        assertEquals(OptionalInt.of(404), unknown.status());

        try (KeepAliveLabServer closed = KeepAliveLabServer.start(LabConfig.defaults().engine(TestLab.ENGINE)
                .with(Setting.CONTROL, "off"))) {
            LabClientException forbidden = assertThrows(LabClientException.class, closed.client()::disarmAll);
            assertEquals(OptionalInt.of(403), forbidden.status());
            assertTrue(forbidden.getMessage().contains("control"), forbidden.getMessage());
        }
    }

    @Test
    void aUrlThatIsNotALabsIsRefusedBeforeAnyRequest() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LabClient.of(URI.create("ftp://lab/")));
        assertEquals("Invalid lab URL 'ftp://lab/': allowed is an http or https URL such as http://127.0.0.1:8080/ or, for a WAR,"
                + " http://host:8080/keepalive-lab/, with no query or fragment", refused.getMessage());
    }
}
