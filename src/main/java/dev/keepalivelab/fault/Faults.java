package dev.keepalivelab.fault;


import dev.keepalivelab.text.Durations;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The faults the lab makes, by name: the one list that {@code ?fault=}, the {@code fault} setting and their docs read. */
public final class Faults {
    /** Every fault, in the order the docs list them. */
    public static final List<FaultType> ALL = List.of(new SilentClose(), new CloseOnReuse(), new Reset(), new ResetOnReuse(),
            new NoResponse(), new Truncate(), new Delay(), new Drip());
    /**
     * The faults of HTTP/2 streams that only the client checks make ({@code refused-stream}, {@code goaway-retry}): not a
     * {@code ?fault=} or a setting, yet the record names them as any fault.
     */
    public static final List<FaultType> CHECKS_OWN = List.of(new RefuseStream(), new GoAwayUnprocessed());
    public static final String ALLOWED = ALL.stream().map(FaultType::usage).collect(Collectors.joining(", "))
            + " (DURATION from " + Durations.format(Fault.MIN_DURATION) + " to " + Durations.format(Fault.MAX_DURATION)
            + ", such as 1500ms or 2s)";

    private Faults() {
    }

    /** A fault as {@code ?fault=} and the {@code fault} setting write it, e.g. {@code reset} or {@code delay=2s}. */
    public static Optional<Fault> parse(String text) {
        int equals = text.indexOf('=');
        String name = equals < 0 ? text : text.substring(0, equals);
        Optional<FaultType> type = ALL.stream().filter(t -> t.name().equals(name)).findFirst();
        if (type.isEmpty() || type.get().timed() != (equals >= 0)) {
            return Optional.empty();
        }
        if (!type.get().timed()) {
            return Optional.of(Fault.of(type.get()));
        }
        try {
            Duration duration = Durations.parse(text.substring(equals + 1), Fault.MIN_DURATION);
            return duration.compareTo(Fault.MAX_DURATION) > 0 ? Optional.empty() : Optional.of(new Fault(type.get(), duration));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The names of the faults {@code which} selects, as a message lists them: those that keep their connection first,
     * then those that end it, e.g. {@code delay, drip and reset}.
     */
    public static String names(Predicate<FaultType> which) {
        List<String> names = ALL.stream().filter(which).sorted(Comparator.comparing(FaultType::endsConnection))
                .map(FaultType::name).toList();
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
