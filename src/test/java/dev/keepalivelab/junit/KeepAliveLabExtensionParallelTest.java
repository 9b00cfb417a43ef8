package dev.keepalivelab.junit;

import dev.keepalivelab.testing.FaultStatus;
import dev.keepalivelab.testing.KeepAliveLabServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension under JUnit's parallel execution: a class's tests that share one lab never reset it under each other,
 * and classes that share one static extension each get a lab of their own.
 */
class KeepAliveLabExtensionParallelTest {
    /** Tests of one class at the same time, and classes at the same time, on enough threads for every test to have one. */
    private static final Map<String, String> CONCURRENT = Map.of(
            OnlyInTheTestKit.PARAMETER, "true",
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
    private static final long WAIT_SECONDS = 10;

    @Test
    void testsThatWouldRunConcurrentlyOnTheClasssLabFailFastSayingHowToSerialiseThem() {
        HearsBEnd.aArmed = new CountDownLatch(1);
        HearsBEnd.bEnded = new CountDownLatch(1);
        Events events = run(CONCURRENT, SharedLabConcurrently.class);

        List<String> messages = events.failed().stream().map(KeepAliveLabExtensionParallelTest::failure).toList();
        assertEquals(2, messages.size(), "neither test ran on the lab the other resets: " + messages);
        for (String message : messages) {
            assertTrue(message.startsWith("org.junit.jupiter.api.extension.ExtensionConfigurationException: The tests of "
                    + SharedLabConcurrently.class.getName() + " share one lab"), message);
            assertTrue(message.contains("@Execution(ExecutionMode.SAME_THREAD)"), message);
        }
    }

    @Test
    void aClassThatRunsItsTestsOneAtATimeSharesItsLabUnderParallelExecution() {
        HearsBEnd.bEnded = new CountDownLatch(1);
        Events events = run(CONCURRENT, SharedLabOneAtATime.class);

        assertEquals(List.of(), events.failed().stream().map(KeepAliveLabExtensionParallelTest::failure).toList());
        assertEquals(2, events.succeeded().count());
    }

    @Test
    void aConcurrentModeWithParallelExecutionOffRunsTestsOneAtATimeAndIsNotRefused() {
        HearsBEnd.bEnded = new CountDownLatch(1);
        Map<String, String> parallelOff = new java.util.HashMap<>(CONCURRENT);
        parallelOff.put("junit.jupiter.execution.parallel.enabled", "false");
        Events events = run(parallelOff, SharedLabInConcurrentModeOnly.class);

        assertEquals(List.of(), events.failed().stream().map(KeepAliveLabExtensionParallelTest::failure).toList());
        assertEquals(2, events.succeeded().count());
    }

    @Test
    void twoClassesSharingOneStaticExtensionGetALabEachAndRunAtTheSameTime() {
        SharesTheBasesExtension.PORTS.clear();
        SharesTheBasesExtension.bothInTheirTest = new CyclicBarrier(2);
        Events events = run(CONCURRENT, FirstSubclass.class, SecondSubclass.class);

        assertEquals(List.of(), events.failed().stream().map(KeepAliveLabExtensionParallelTest::failure).toList());
        assertEquals(2, events.succeeded().count());
        assertEquals(Set.of("FirstSubclass", "SecondSubclass"), SharesTheBasesExtension.PORTS.keySet());
        assertNotEquals(SharesTheBasesExtension.PORTS.get("FirstSubclass"), SharesTheBasesExtension.PORTS.get("SecondSubclass"),
                "each class had a lab of its own");
    }

    private static Events run(Map<String, String> configuration, Class<?>... testClasses) {
        return EngineTestKit.engine("junit-jupiter").configurationParameters(configuration)
                .selectors(java.util.Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute().testEvents();
    }

    private static String failure(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::toString).orElse("?");
    }

    /**
     * Test a arms a fault and, once test b has ended (its lab reset included), finds it still armed. The first extension
     * hears of b's end after the lab's, since JUnit calls afterEach callbacks in reverse order of registration.
     */
    static void armAndFindItArmedOnceBHasEnded(KeepAliveLabServer lab, CountDownLatch aArmed, CountDownLatch bEnded)
            throws InterruptedException {
        FaultStatus armed = lab.arm(dev.keepalivelab.testing.FaultSpec.of("delay=10ms"));
        aArmed.countDown();
        assertTrue(bEnded.await(WAIT_SECONDS, TimeUnit.SECONDS), "test b ended");
        assertEquals(List.of(armed), lab.client().armedFaults(), "a's fault is still armed after b ended");
    }

    /** Runs the test classes below only where this test runs them (a build that selects them by name runs them alone). */
    static final class OnlyInTheTestKit implements ExecutionCondition {
        static final String PARAMETER = "keepalivelab.extensionParallelTest";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent() ? ConditionEvaluationResult.enabled("in the test kit")
                    : ConditionEvaluationResult.disabled("run by KeepAliveLabExtensionParallelTest only");
        }
    }

    /** A class's lab, and a way to hear that its test b has ended, lab reset included. */
    @ExtendWith(OnlyInTheTestKit.class)
    abstract static class HearsBEnd {
        static CountDownLatch aArmed;
        static CountDownLatch bEnded;

        @RegisterExtension
        @Order(1)
        static final AfterEachCallback B_ENDED = context -> {
            if (context.getRequiredTestMethod().getName().equals("b")) {
                bEnded.countDown();
            }
        };

        @RegisterExtension
        @Order(2)
        static final KeepAliveLabExtension LAB = new KeepAliveLabExtension();
    }

    static class SharedLabConcurrently extends HearsBEnd {
        @Test
        void a(KeepAliveLabServer lab) throws InterruptedException {
            armAndFindItArmedOnceBHasEnded(lab, aArmed, bEnded);
        }

        /** Ends, and so has the lab reset, while a runs. */
        @Test
        void b() throws InterruptedException {
            assertTrue(aArmed.await(WAIT_SECONDS, TimeUnit.SECONDS), "a armed its fault");
        }
    }

    /**
     * As {@link SharedLabConcurrently}, its tests on one lab, b first so that c does not wait for it in vain; concurrent
     * only as the configuration says, so one at a time where parallel execution is off.
     */
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class SharedLabInConcurrentModeOnly extends HearsBEnd {
        @Test
        void b() {
        }

        @Test
        void c(KeepAliveLabServer lab) throws InterruptedException {
            armAndFindItArmedOnceBHasEnded(lab, new CountDownLatch(1), bEnded);
        }
    }

    /** The same tests, run one at a time by their annotation. */
    @Execution(ExecutionMode.SAME_THREAD)
    static class SharedLabOneAtATime extends SharedLabInConcurrentModeOnly {
    }

    /**
     * Its subclasses share this one extension; each, in its test, meets the other's in its test, then arms a fault. A
     * lock of its own serialises each subclass's tests and lets the two classes run at the same time.
     */
    @ExtendWith(OnlyInTheTestKit.class)
    abstract static class SharesTheBasesExtension {
        static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
        static CyclicBarrier bothInTheirTest;

        @RegisterExtension
        static final KeepAliveLabExtension LAB = new KeepAliveLabExtension();

        @Test
        void armsAFaultOnItsOwnLab(KeepAliveLabServer lab) throws Exception {
            PORTS.put(getClass().getSimpleName(), lab.port());
            bothInTheirTest.await(WAIT_SECONDS, TimeUnit.SECONDS);
            FaultStatus armed = lab.arm(dev.keepalivelab.testing.FaultSpec.of("delay=10ms"));
            bothInTheirTest.await(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(List.of(armed), lab.client().armedFaults(), "only this class's fault is on its lab");
            assertEquals(lab, LAB.lab(), "lab() is the lab of the test on this thread");
        }
    }

    @ResourceLock("FirstSubclass")
    static class FirstSubclass extends SharesTheBasesExtension {
    }

    @ResourceLock("SecondSubclass")
    static class SecondSubclass extends SharesTheBasesExtension {
    }
}
