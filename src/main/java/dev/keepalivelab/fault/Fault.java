package dev.keepalivelab.fault;


import dev.keepalivelab.text.Durations;
import java.time.Duration;

/**
 * A connection fault the lab makes on purpose: one of the failures an HTTP client meets in production, made the same
 * way every time. Asked for per request ({@code ?fault=NAME}) or server-wide ({@code fault} and {@code faultOn}).
 *
 * @param type     which fault
 * @param duration how long, for a {@link FaultType#timed() timed} fault; {@link Duration#ZERO} for the others
 */
public record Fault(FaultType type, Duration duration) {
    /** The longest delay or drip: a fault holds a connection, never a thread, and never for long. */
    public static final Duration MAX_DURATION = Duration.ofSeconds(60);
    public static final Duration MIN_DURATION = Duration.ofMillis(1);

    public Fault {
        if (type.timed() == duration.isZero()) {
            throw new IllegalArgumentException(type.name() + (type.timed() ? " needs a duration" : " takes no duration"));
        }
    }

    public static Fault of(FaultType type) {
        return new Fault(type, Duration.ZERO);
    }

    /** The fault as it is written, e.g. {@code drip=1500ms}. */
    public String label() {
        return type.timed() ? type.name() + "=" + Durations.format(duration) : type.name();
    }

    @Override
    public String toString() {
        return label();
    }
}
