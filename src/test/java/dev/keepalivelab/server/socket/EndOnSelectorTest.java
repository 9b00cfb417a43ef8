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
    static final Consumer<EndOnSelector> SELECTOR_STOPS = EndOnSelector::close;
    static final Consumer<EndOnSelector> HANDED_TO_POOL = EndOnSelector::toPool;

    static Stream<Case> cases() {
        return Stream.of(
                new Case("the selector runs it", List.of(SELECTOR_RUNS), List.of("selector")),
                new Case("the selector stops with it queued", List.of(SELECTOR_STOPS), List.of("pool")),
                new Case("handed to the pool as the selector stops", List.of(HANDED_TO_POOL), List.of("pool")),
                new Case("run, then handed to the pool", List.of(SELECTOR_RUNS, HANDED_TO_POOL), List.of("selector")),
                new Case("handed to the pool, then run by the selector", List.of(HANDED_TO_POOL, SELECTOR_RUNS), List.of("pool")),
                new Case("handed to the pool, then closed by the stopped selector", List.of(HANDED_TO_POOL, SELECTOR_STOPS), List.of("pool")),
                new Case("run, then closed", List.of(SELECTOR_RUNS, SELECTOR_STOPS), List.of("selector")));
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
