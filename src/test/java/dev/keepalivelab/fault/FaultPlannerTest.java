package dev.keepalivelab.fault;

import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.lab.protocol.Rulebook;
import dev.keepalivelab.settings.LabSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FaultPlannerTest {
    static final Rulebook RULES = new Rulebook(LabSettings.defaults(), false, true);
    static final EffectSupport HTTP1 = RULES.of(Protocol.HTTP_1_1);
    static final EffectSupport HTTP2 = RULES.of(Protocol.H2);
    static final Fault RESET = Fault.of(new Reset());
    static final Fault TRUNCATE = Fault.of(new Truncate());
    static final Fault DELAY = new Fault(new Delay(), Duration.ofMillis(200));
    static final Fault CLOSE_ON_REUSE = Fault.of(new CloseOnReuse());
    static final Fault NO_RESPONSE = Fault.of(new NoResponse());
    static final FaultSelector SECOND_REQUEST = new FaultSelector(OptionalInt.of(2), List.of());
    static final FaultSelector IMAGES = new FaultSelector(OptionalInt.empty(), List.of("*.jpg"));

    /**
     * One response to plan.
     *
     * @param name            what the row shows
     * @param serverWide      the server-wide fault
     * @param selector        its {@code faultOn}
     * @param controlsSockets whether the server controls its sockets
     * @param protocol        the request's protocol
     * @param asked           the request's {@code ?fault=}
     * @param path            the request's path
     * @param nth             its index on its connection
     * @param armedBy         the on-reuse fault armed on its connection
     * @param expected        the plan
     */
    record Case(String name, Optional<Fault> serverWide, FaultSelector selector, boolean controlsSockets, EffectSupport protocol,
                Optional<Fault> asked, String path, int nth, Fault armedBy, FaultPlanner.Plan expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case asked(String name, Fault asked, EffectSupport protocol, FaultPlanner.Plan expected) {
        return new Case(name, Optional.empty(), FaultSelector.ALL, true, protocol, Optional.ofNullable(asked), "/test1.jpg", 1, null,
                expected);
    }

    static Case serverWide(String name, Fault fault, FaultSelector selector, EffectSupport protocol, String path, int nth,
                           FaultPlanner.Plan expected) {
        return new Case(name, Optional.of(fault), selector, true, protocol, Optional.empty(), path, nth, null, expected);
    }

    static FaultPlanner.Plan plan(Fault fault, Effects effects, FaultType endedBy) {
        return new FaultPlanner.Plan(fault, effects, endedBy);
    }

    static Stream<Case> plans() {
        return Stream.of(
                asked("no fault, no plan", null, HTTP1, FaultPlanner.Plan.NONE),
                asked("reset asked on HTTP/1.x: whole response, then RST; it ends the connection", RESET, HTTP1,
                        plan(RESET, new Effects(Effects.Start.WRITE, Effects.Body.WHOLE, Effects.End.RESET), RESET.type())),
                asked("reset asked on HTTP/2: on the TCP connection", RESET, HTTP2,
                        plan(RESET, new Effects(Effects.Start.WRITE, Effects.Body.WHOLE, Effects.End.RESET), RESET.type())),
                asked("delay keeps its connection", DELAY, HTTP2,
                        plan(DELAY, new Effects(Effects.Start.DELAY, Effects.Body.WHOLE, Effects.End.NONE), null)),
                asked("close-on-reuse leaves the asking response alone", CLOSE_ON_REUSE, HTTP1, plan(CLOSE_ON_REUSE, Effects.NONE, null)),
                asked("truncate on HTTP/1.x", TRUNCATE, HTTP1,
                        plan(TRUNCATE, new Effects(Effects.Start.WRITE, Effects.Body.HALF_THEN_CUT, Effects.End.NONE), TRUNCATE.type())),
                new Case("the armed fault springs on the next request, without a fault of its own", Optional.empty(), FaultSelector.ALL,
                        true, HTTP2, Optional.of(DELAY), "/", 2, CLOSE_ON_REUSE,
                        plan(null, new Effects(Effects.Start.CLOSE, Effects.Body.WHOLE, Effects.End.NONE), CLOSE_ON_REUSE.type())),
                serverWide("server-wide on every response", RESET, FaultSelector.ALL, HTTP1, "/", 1,
                        plan(RESET, RESET.type().onResponse(), RESET.type())),
                serverWide("server-wide never reaches /connections", RESET, FaultSelector.ALL, HTTP1, "/connections", 1,
                        FaultPlanner.Plan.NONE),
                serverWide("request=2 skips the first request", RESET, SECOND_REQUEST, HTTP1, "/", 1, FaultPlanner.Plan.NONE),
                serverWide("request=2 takes the second", RESET, SECOND_REQUEST, HTTP1, "/", 2,
                        plan(RESET, RESET.type().onResponse(), RESET.type())),
                serverWide("paths=*.jpg skips the page", RESET, IMAGES, HTTP1, "/", 1, FaultPlanner.Plan.NONE),
                serverWide("paths=*.jpg takes an image", RESET, IMAGES, HTTP1, "/test3.jpg", 1,
                        plan(RESET, RESET.type().onResponse(), RESET.type())),
                serverWide("server-wide truncate passes HTTP/2 by", TRUNCATE, FaultSelector.ALL, HTTP2, "/", 1, FaultPlanner.Plan.NONE),
                new Case("the request's own fault wins over the server's", Optional.of(RESET), FaultSelector.ALL, true, HTTP1,
                        Optional.of(DELAY), "/", 1, null, plan(DELAY, DELAY.type().onResponse(), null)),
                new Case("delay through the Servlet API alone", Optional.empty(), FaultSelector.ALL, false, HTTP1,
                        Optional.of(DELAY), "/", 1, null, plan(DELAY, DELAY.type().onResponse(), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plansTheResponse(Case c) throws Exception {
        FaultPlanner planner = new FaultPlanner(c.serverWide(), c.selector(), c.controlsSockets());
        assertEquals(c.expected(), planner.plan(c.asked(), new FaultPlanner.Target(c.path(), c.path().equals("/connections"), true, c.nth(),
                "curl/7.88.1", new Object(), false, false), c.protocol(), c.armedBy()));
    }

    /**
     * A refused request.
     *
     * @param name            what the row shows
     * @param asked           the request's {@code ?fault=}
     * @param controlsSockets whether the server controls its sockets
     * @param protocol        the request's protocol
     * @param message         the 400's text
     */
    record Refusal(String name, Fault asked, boolean controlsSockets, EffectSupport protocol, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refusal> refusals() {
        String servletApi = " needs a server that controls its sockets (the embedded main: java -jar keepalive-lab.jar); through"
                + " the Servlet API this container can make only delay and drip.";
        String http2 = " is made on HTTP/1.x only; on HTTP/2 the lab makes delay, drip, silent-close, close-on-reuse, reset and"
                + " reset-on-reuse.";
        return Stream.of(
                new Refusal("reset without socket control", RESET, false, HTTP1, "Fault reset" + servletApi),
                new Refusal("close-on-reuse without socket control", CLOSE_ON_REUSE, false, HTTP2, "Fault close-on-reuse" + servletApi),
                new Refusal("no-response without socket control, on HTTP/2: the server first", NO_RESPONSE, false, HTTP2,
                        "Fault no-response" + servletApi),
                new Refusal("no-response on HTTP/2", NO_RESPONSE, true, HTTP2, "Fault no-response" + http2),
                new Refusal("truncate on HTTP/2", TRUNCATE, true, HTTP2, "Fault truncate" + http2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatTheServerOrProtocolCannotMake(Refusal r) {
        FaultPlanner planner = new FaultPlanner(Optional.empty(), FaultSelector.ALL, r.controlsSockets());
        FaultPlanner.RefusedFault refused = assertThrows(FaultPlanner.RefusedFault.class,
                () -> planner.admit(Optional.of(r.asked()), r.protocol()));
        assertEquals(r.message(), refused.getMessage());
    }
}
