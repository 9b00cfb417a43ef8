package dev.keepalivelab.junit;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.testing.FaultSpec;
import dev.keepalivelab.testing.KeepAliveLabServer;
import dev.keepalivelab.testing.LabClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension's lifecycle, run through the JUnit engine (EngineTestKit) on test classes of its own: a static field
 * gives the class one lab, reset between tests; an instance field gives each test its own lab, stopped after it.
 */
class KeepAliveLabExtensionTest {
    /** The port each test of a run saw its lab on, in order. */
    static final List<Integer> PORTS = new ArrayList<>();

    @Test
    void aStaticFieldGivesTheClassOneLabWhoseFaultsAndRecordAreResetBetweenTests() throws Exception {
        PORTS.clear();
        assertAllPassed(run(PerClassLab.class), 3);
        assertEquals(List.of(PORTS.get(0), PORTS.get(0), PORTS.get(0)), PORTS, "every test, the nested class's too, had the one lab");
        assertStopped(PORTS.get(0));
    }

    @Test
    void anInstanceFieldGivesEachTestItsOwnLabStoppedAfterIt() throws Exception {
        PORTS.clear();
        assertAllPassed(run(PerTestLabs.class), 2);
        assertNotEquals(PORTS.get(0), PORTS.get(1), "each test had a lab of its own");
        assertStopped(PORTS.get(0));
        assertStopped(PORTS.get(1));
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    private static void assertAllPassed(Events events, int tests) {
        List<String> failures = events.failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?"))
                .toList();
        assertEquals(List.of(), failures);
        assertEquals(tests, events.succeeded().count());
    }

    private static void assertStopped(int port) {
        assertThrows(ConnectException.class, () -> RawConnection.open(port).close(), "the lab on port " + port + " stopped");
    }

    /** Arms a fault and leaves a request in the record, which the next test must not see. */
    static void leaveAFaultAndARequest(KeepAliveLabServer lab) throws IOException {
        PORTS.add(lab.port());
        lab.arm(FaultSpec.of("delay=10ms"));
        try (RawConnection raw = RawConnection.open(lab.port())) {
            raw.get("/test1.jpg?client=left-behind");
        }
        assertEquals(1, lab.client().armedFaults().size());
    }

    /** Finds neither the fault nor the request the test before left. */
    static void findNothingLeft(KeepAliveLabServer lab, LabClient client) {
        PORTS.add(lab.port());
        assertEquals(List.of(), client.armedFaults());
        assertEquals(List.of(), lab.requests());
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassLab {
        @RegisterExtension
        static final KeepAliveLabExtension LAB = new KeepAliveLabExtension();

        @Test
        @Order(1)
        void first(KeepAliveLabServer lab) throws IOException {
            leaveAFaultAndARequest(lab);
        }

        @Test
        @Order(2)
        void second(KeepAliveLabServer lab, LabClient client) {
            findNothingLeft(lab, client);
        }

        @Nested
        class Inner {
            @Test
            void third(KeepAliveLabServer lab, LabClient client) {
                findNothingLeft(lab, client);
            }
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerTestLabs {
        @RegisterExtension
        final KeepAliveLabExtension lab = new KeepAliveLabExtension();

        @Test
        @Order(1)
        void first() throws IOException {
            leaveAFaultAndARequest(lab.lab());
        }

        @Test
        @Order(2)
        void second(KeepAliveLabServer server, LabClient client) {
            assertEquals(lab.lab(), server);
            findNothingLeft(server, client);
        }
    }
}
