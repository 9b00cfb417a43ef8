package dev.keepalivelab.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsTest {
    /**
     * What one fault declares and what follows from it.
     *
     * @param type               the fault
     * @param timed              whether it takes a duration
     * @param needsSocketControl whether only a server that controls its sockets makes it
     * @param endsConnection     whether its connection's record names it
     * @param armsNextRequest    whether it acts on the next request
     * @param onHttp2            whether HTTP/2 makes it
     */
    record Row(FaultType type, boolean timed, boolean needsSocketControl, boolean endsConnection, boolean armsNextRequest,
               boolean onHttp2) {
        @Override
        public String toString() {
            return type.name();
        }
    }

    static Stream<Row> faults() {
        return Stream.of(
                new Row(new SilentClose(), false, true, true, false, true),
                new Row(new CloseOnReuse(), false, true, true, true, true),
                new Row(new Reset(), false, true, true, false, true),
                new Row(new ResetOnReuse(), false, true, true, true, true),
                new Row(new NoResponse(), false, true, true, false, false),
                new Row(new Truncate(), false, true, true, false, false),
                new Row(new Delay(), true, false, false, false, true),
                new Row(new Drip(), true, false, false, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void eachFaultDeclaresItselfOnce(Row row) {
        FaultType type = row.type();
        assertEquals(row.timed(), type.timed(), "timed");
        assertEquals(row.needsSocketControl(), type.needsSocketControl(), "needs socket control");
        assertEquals(row.endsConnection(), type.endsConnection(), "ends its connection");
        assertEquals(row.armsNextRequest(), type.armsNextRequest(), "arms the next request");
        assertEquals(row.onHttp2(), FaultPlanner.madeOn(FaultPlannerTest.HTTP2, type), "made on HTTP/2");
        assertTrue(FaultPlanner.madeOn(FaultPlannerTest.HTTP1, type), "HTTP/1.x makes every fault");
        String written = type.timed() ? type.name() + "=1500ms" : type.name();
        Fault parsed = Faults.parse(written).orElseThrow();
        assertEquals(type, parsed.type());
        assertEquals(written, parsed.label());
    }

    @Test
    void theRegistryListsEveryFaultOnce() {
        assertEquals(faults().map(Row::type).toList(), Faults.ALL);
        assertEquals("silent-close, close-on-reuse, reset, reset-on-reuse, no-response, truncate, delay=DURATION,"
                + " drip=DURATION (DURATION from 1ms to 1m, such as 1500ms or 2s)", Faults.ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "resets", "reset=1s", "delay", "delay=", "delay=0ms", "delay=61s", "drip=2x", "=2s", "Reset"})
    void parseRejects(String text) {
        assertEquals(Optional.empty(), Faults.parse(text));
    }

    @Test
    void aTimedFaultTakesADurationAndTheOthersNone() {
        assertEquals(Duration.ofSeconds(60), Faults.parse("delay=1m").orElseThrow().duration());
        assertThrows(IllegalArgumentException.class, () -> Fault.of(new Delay()));
        assertThrows(IllegalArgumentException.class, () -> new Fault(new Reset(), Duration.ofSeconds(1)));
    }

    @Test
    void namesListTheFaultsThatKeepTheirConnectionFirst() {
        assertEquals("delay and drip", Faults.names(type -> !type.needsSocketControl()));
        assertEquals("drip, silent-close and reset", Faults.names(type -> type instanceof Drip || type instanceof Reset
                || type instanceof SilentClose));
        assertEquals("truncate", Faults.names(type -> type instanceof Truncate));
    }

    @Test
    void aWithheldResponseHasNoBodyOrEndEffectAndAFaultOneDuration() {
        assertThrows(IllegalArgumentException.class, () -> new Effects(Effects.Start.HOLD, Effects.Body.DRIP, Effects.End.NONE));
        assertThrows(IllegalArgumentException.class, () -> new Effects(Effects.Start.CLOSE, Effects.Body.WHOLE, Effects.End.RESET));
        assertThrows(IllegalArgumentException.class, () -> new Effects(Effects.Start.DELAY, Effects.Body.DRIP, Effects.End.NONE));
    }
}
