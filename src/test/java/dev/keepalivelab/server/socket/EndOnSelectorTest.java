package dev.keepalivelab.server.socket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A closed connection's end runs once, whichever of the selector and the pool comes to it, and in whatever order. */
class EndOnSelectorTest {
    /** A row: its name, what happens to the update in order, and who ran the end. */
    record Case(String name, List<Consumer<EndOnSelector>> steps, List<String> ranBy) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Consumer<EndOnSelector> SELECTOR_RUNS = end -> end.update(null);
    /** The selector closes an update it stopped with; the connector closes one it submitted as the selector stopped. */
    static final Consumer<EndOnSelector> CLOSED = EndOnSelector::close;

    static Stream<Case> cases() {
        return Stream.of(
                new Case("the selector runs it", List.of(SELECTOR_RUNS), List.of("selector")),
                new Case("closed unrun", List.of(CLOSED), List.of("pool")),
                new Case("run, then closed", List.of(SELECTOR_RUNS, CLOSED), List.of("selector")),
                new Case("closed, then run by the selector", List.of(CLOSED, SELECTOR_RUNS), List.of("pool")),
                new Case("closed twice (by the connector, then by the stopped selector)", List.of(CLOSED, CLOSED), List.of("pool")),
                new Case("run twice", List.of(SELECTOR_RUNS, SELECTOR_RUNS), List.of("selector")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runsTheEndOnce(Case row) {
        List<String> ranBy = new ArrayList<>();
        String[] runner = {"selector"};
        EndOnSelector end = new EndOnSelector(() -> ranBy.add(runner[0]), task -> {
            runner[0] = "pool";
            task.run();
            runner[0] = "selector";
        });
        row.steps().forEach(step -> step.accept(end));
        assertEquals(row.ranBy(), ranBy);
    }
}
