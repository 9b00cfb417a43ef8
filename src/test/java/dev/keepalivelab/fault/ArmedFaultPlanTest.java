package dev.keepalivelab.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static dev.keepalivelab.fault.FaultPlannerTest.HTTP1;
import static dev.keepalivelab.fault.FaultPlannerTest.HTTP2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which fault a request gets once faults are armed at run time: the precedence, the selectors and the counts. */
class ArmedFaultPlanTest {
    static final Fault RESET = Fault.of(new Reset());
    static final Fault TRUNCATE = Fault.of(new Truncate());
    static final Fault DELAY = new Fault(new Delay(), Duration.ofMillis(5));
    static final Fault DRIP = new Fault(new Drip(), Duration.ofMillis(5));
    static final Fault CLOSE_ON_REUSE = Fault.of(new CloseOnReuse());
    static final String CURL = "curl/7.88.1";
    static final Object CONNECTION = new Object();
    static final Predicate<FaultType> ON_HTTP1 = type -> FaultPlanner.madeOn(HTTP1, type);

    static ArmedFault.Arming untilDisarmed(Fault fault) {
        return new ArmedFault.Arming(fault, ArmedFault.Count.UNTIL_DISARMED, List.of(), Optional.empty());
    }

    /**
     * One request, planned with faults armed.
     *
     * @param name       what the row shows
     * @param armed      the faults armed, in order
     * @param serverWide the server-wide fault
     * @param asked      the request's {@code ?fault=}
     * @param armedBy    the on-reuse fault armed on its connection
     * @param path       its path
     * @param client     its client
     * @param protocol   its protocol
     * @param expected   the fault it gets, or null
     */
    record Case(String name, List<ArmedFault.Arming> armed, Optional<Fault> serverWide, Optional<Fault> asked, Fault armedBy, String path,
                String client, EffectSupport protocol, Fault expected) {
        @Override
        public String toString() {
            return name;
        }

        static Case of(String name, List<ArmedFault.Arming> armed, String path, String client, EffectSupport protocol, Fault expected) {
            return new Case(name, armed, Optional.empty(), Optional.empty(), null, path, client, protocol, expected);
        }
    }

    static Stream<Case> plans() {
        ArmedFault.Arming images = new ArmedFault.Arming(RESET, ArmedFault.Count.UNTIL_DISARMED, List.of("/test1*.jpg", "x.jpg"),
                Optional.empty());
        ArmedFault.Arming forCurl = new ArmedFault.Arming(DELAY, ArmedFault.Count.UNTIL_DISARMED, List.of(), Optional.of(CURL));
        return Stream.of(
                Case.of("nothing armed: no fault", List.of(), "/", CURL, HTTP1, null),
                Case.of("armed for any request: the page gets it", List.of(untilDisarmed(RESET)), "/", CURL, HTTP1, RESET),
                Case.of("path glob matches /test12.jpg", List.of(images), "/test12.jpg", CURL, HTTP1, RESET),
                Case.of("path glob without its slash matches /x.jpg", List.of(images), "/x.jpg", CURL, HTTP1, RESET),
                Case.of("path glob passes the page by", List.of(images), "/", CURL, HTTP1, null),
                Case.of("client selector takes its client", List.of(forCurl), "/", CURL, HTTP1, DELAY),
                Case.of("client selector passes another client by", List.of(forCurl), "/", "okhttp/5.5.1", HTTP1, null),
                Case.of("first armed wins", List.of(untilDisarmed(DRIP), untilDisarmed(RESET)), "/", CURL, HTTP1, DRIP),
                Case.of("one not made on HTTP/2 is passed by for the next", List.of(untilDisarmed(TRUNCATE), untilDisarmed(DELAY)),
                        "/", CURL, HTTP2, DELAY),
                Case.of("/connections never gets one", List.of(untilDisarmed(RESET)), "/connections", CURL, HTTP1, null),
                new Case("the request's own ?fault= wins over an armed one", List.of(untilDisarmed(RESET)), Optional.empty(),
                        Optional.of(DELAY), null, "/", CURL, HTTP1, DELAY),
                new Case("an on-reuse fault armed on the connection wins over all (it reports no fault of its own)",
                        List.of(untilDisarmed(RESET)), Optional.empty(), Optional.of(DELAY), CLOSE_ON_REUSE, "/", CURL, HTTP1, null),
                new Case("an armed fault wins over the server-wide one", List.of(untilDisarmed(DELAY)), Optional.of(RESET),
                        Optional.empty(), null, "/", CURL, HTTP1, DELAY),
                new Case("the server-wide fault where no armed one matches", List.of(images), Optional.of(DRIP), Optional.empty(), null,
                        "/", CURL, HTTP1, DRIP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plansTheArmedFault(Case c) throws Exception {
        FaultPlanner planner = new FaultPlanner(c.serverWide(), FaultSelector.ALL, true);
        c.armed().forEach(planner.armed()::arm);
        FaultPlanner.Plan plan = planner.plan(c.asked(), new FaultPlanner.Target(c.path(), c.path().equals("/connections"), true, 2,
                c.client(), CONNECTION, false, false), c.protocol(), c.armedBy());
        assertEquals(c.expected(), plan.fault());
    }

    /**
     * Whether a counted fault is given to a response, by the response's connection fate and method: given only where it
     * is made, so that its count is spent on a response that makes it.
     *
     * @param name     what the row shows
     * @param fault    the fault armed for one request
     * @param closing  whether the response announces its connection's close
     * @param bodiless whether it has no body (HEAD)
     * @param given    whether it gets the fault
     */
    record Given(String name, Fault fault, boolean closing, boolean bodiless, boolean given) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Given> givenWhereMade() {
        Fault resetOnReuse = Fault.of(new ResetOnReuse());
        Fault silentClose = Fault.of(new SilentClose());
        Fault noResponse = Fault.of(new NoResponse());
        return Stream.of(
                new Given("reset-on-reuse, connection kept", resetOnReuse, false, false, true),
                new Given("reset-on-reuse, connection closing: no next request", resetOnReuse, true, false, false),
                new Given("close-on-reuse, connection closing", CLOSE_ON_REUSE, true, false, false),
                new Given("reset, connection closing: the announced close comes first", RESET, true, false, false),
                new Given("silent-close, connection closing", silentClose, true, false, false),
                new Given("reset on HEAD, connection kept", RESET, false, true, true),
                new Given("truncate, connection closing: the cut is still made", TRUNCATE, true, false, true),
                new Given("truncate on HEAD, kept: the whole head, then an unannounced close", TRUNCATE, false, true, true),
                new Given("truncate on HEAD, closing: nothing left to cut, the close is announced", TRUNCATE, true, true, false),
                new Given("no-response, connection closing", noResponse, true, false, true),
                new Given("delay, connection closing", DELAY, true, false, true),
                new Given("drip on HEAD, connection closing", DRIP, true, true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("givenWhereMade")
    void aCountedFaultIsGivenOnlyWhereItIsMade(Given g) {
        FaultPlanner planner = new FaultPlanner(Optional.empty(), FaultSelector.ALL, true);
        ArmedFault armed = planner.armed().arm(new ArmedFault.Arming(g.fault(), ArmedFault.Count.requests(1), List.of(), Optional.empty()));
        FaultPlanner.Plan plan = planner.plan(Optional.empty(), new FaultPlanner.Target("/test1.jpg", false, true, 1, CURL, CONNECTION,
                g.closing(), g.bodiless()), HTTP1, null);
        assertEquals(g.given() ? g.fault() : null, plan.fault());
        assertEquals(OptionalLong.of(g.given() ? 0 : 1), planner.armed().get(armed.id()).orElseThrow().remaining(),
                "the count is spent only where the fault is given");
    }

    @Test
    void aCountOfRequestsGivesExactlyThatManyThenStaysListedAtZero() throws Exception {
        FaultPlanner planner = new FaultPlanner(Optional.empty(), FaultSelector.ALL, true);
        ArmedFault armed = planner.armed().arm(new ArmedFault.Arming(DELAY, ArmedFault.Count.requests(3), List.of(), Optional.empty()));
        List<Fault> given = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            given.add(planner.plan(Optional.empty(), new FaultPlanner.Target("/", false, true, i + 1, CURL, CONNECTION, false, false), HTTP1, null).fault());
        }
        assertEquals(java.util.Arrays.asList(DELAY, DELAY, DELAY, null, null), given);
        ArmedFault now = planner.armed().get(armed.id()).orElseThrow();
        assertEquals(OptionalLong.of(0), now.remaining());
        assertEquals(3, now.applied());
    }

    @Test
    void aCountOfConnectionsGivesEveryRequestOnTheFirstNConnectionsThatCarryOne() {
        ArmedFaults armed = new ArmedFaults();
        ArmedFault fault = armed.arm(new ArmedFault.Arming(RESET, ArmedFault.Count.connections(2), List.of("/a"), Optional.empty()));
        Object first = new Object();
        Object second = new Object();
        Object third = new Object();
        assertTrue(armed.take("/b", CURL, first, ON_HTTP1).isEmpty(), "an unmatched request claims no connection");
        assertEquals(Optional.of(RESET), armed.take("/a", CURL, first, ON_HTTP1));
        assertEquals(Optional.of(RESET), armed.take("/a", CURL, first, ON_HTTP1));
        assertEquals(Optional.of(RESET), armed.take("/a", CURL, second, ON_HTTP1));
        assertTrue(armed.take("/a", CURL, third, ON_HTTP1).isEmpty(), "a third connection finds no slot left");
        assertEquals(Optional.of(RESET), armed.take("/a", CURL, first, ON_HTTP1), "a claimed connection keeps getting it");
        ArmedFault now = armed.get(fault.id()).orElseThrow();
        assertEquals(OptionalLong.of(0), now.remaining());
        assertEquals(4, now.applied());
    }

    /** Threads that take at once, far more than the count: exactly the count is given, and applied says so. */
    @Test
    void aCountIsExactWhenThreadsTakeAtOnce() throws Exception {
        int count = ArmedFault.MAX_COUNT;
        int threads = 8;
        int takesEach = count / threads * 2;
        ArmedFaults armed = new ArmedFaults();
        ArmedFault fault = armed.arm(new ArmedFault.Arming(DELAY, ArmedFault.Count.requests(count), List.of(), Optional.empty()));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> given = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                given.add(pool.submit(() -> {
                    start.await();
                    int taken = 0;
                    for (int i = 0; i < takesEach; i++) {
                        taken += armed.take("/", CURL, CONNECTION, ON_HTTP1).isPresent() ? 1 : 0;
                    }
                    return taken;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> taken : given) {
                total += taken.get();
            }
            assertEquals(count, total, "faults given");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(count, armed.get(fault.id()).orElseThrow().applied());
        assertEquals(OptionalLong.of(0), armed.get(fault.id()).orElseThrow().remaining());
    }

    @Test
    void idsCountOnAfterDisarmingAndDisarmedFaultsAreGone() {
        ArmedFaults armed = new ArmedFaults();
        assertEquals("f1", armed.arm(untilDisarmed(RESET)).id());
        assertEquals("f2", armed.arm(untilDisarmed(DELAY)).id());
        assertTrue(armed.disarm("f1"));
        assertEquals(List.of("f2"), armed.list().stream().map(ArmedFault::id).toList());
        armed.disarmAll();
        assertTrue(armed.list().isEmpty());
        assertTrue(armed.take("/", CURL, CONNECTION, ON_HTTP1).isEmpty());
        assertEquals("f3", armed.arm(untilDisarmed(RESET)).id());
        assertEquals(OptionalLong.empty(), armed.get("f3").orElseThrow().remaining());
    }
}
