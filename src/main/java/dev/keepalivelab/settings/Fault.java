package dev.keepalivelab.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A connection fault the lab makes on purpose: one of the failures an HTTP client meets in production, made the same
 * way every time. Asked for per request ({@code ?fault=NAME}) or server-wide ({@code fault} and {@code faultOn}).
 *
 * @param kind     which fault
 * @param duration how long, for {@link Kind#DELAY} and {@link Kind#DRIP}; {@link Duration#ZERO} for the others
 */
public record Fault(Kind kind, Duration duration) {
    /** The longest delay or drip: a fault holds a connection, never a thread, and never for long. */
    public static final Duration MAX_DURATION = Duration.ofSeconds(60);
    public static final Duration MIN_DURATION = Duration.ofMillis(1);
    public static final String ALLOWED = Arrays.stream(Kind.values()).map(Kind::usage).collect(Collectors.joining(", "))
            + " (DURATION from " + Values.format(MIN_DURATION) + " to " + Values.format(MAX_DURATION) + ", such as 1500ms or 2s)";

    /** The faults; each one's name is the contract of {@code ?fault=}. */
    public enum Kind {
        /** The whole response, without {@code Connection: close}, then the server closes its end (FIN). */
        SILENT_CLOSE("silent-close", false),
        /**
         * The whole response, kept alive as usual; the next request on that connection is read and answered by closing
         * the connection (FIN), with no response: a stale pooled connection, every time.
         */
        CLOSE_ON_REUSE("close-on-reuse", false),
        /** The whole response, then a TCP reset (RST, not FIN). */
        RESET("reset", false),
        /** Like {@link #CLOSE_ON_REUSE}, with a reset instead of the close. */
        RESET_ON_REUSE("reset-on-reuse", false),
        /** The request is read and never answered; the connection closes (FIN) at the idle (or request) timeout. */
        NO_RESPONSE("no-response", false),
        /** {@code Content-Length} of the whole body, the first half of the body, then the server closes (FIN). */
        TRUNCATE("truncate", false),
        /** Waits {@code DURATION} before the status line; the connection stays usable. */
        DELAY("delay", true),
        /** The status line and headers at once, then the body in even pieces spread over {@code DURATION}. */
        DRIP("drip", true);

        private final String label;
        private final boolean timed;

        Kind(String label, boolean timed) {
            this.label = label;
            this.timed = timed;
        }

        public String label() {
            return label;
        }

        /** Whether the fault takes a duration ({@code delay=2s}). */
        public boolean timed() {
            return timed;
        }

        /** Whether the fault acts on the request after the one that asked for it. */
        public boolean onReuse() {
            return this == CLOSE_ON_REUSE || this == RESET_ON_REUSE;
        }

        String usage() {
            return timed() ? label + "=DURATION" : label;
        }
    }

    public Fault {
        if (kind.timed() == duration.isZero()) {
            throw new IllegalArgumentException(kind.label + (kind.timed() ? " needs a duration" : " takes no duration"));
        }
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, Duration.ZERO);
    }

    /** A fault as {@code ?fault=} and the {@code fault} setting write it, e.g. {@code reset} or {@code delay=2s}. */
    public static Optional<Fault> parse(String text) {
        int equals = text.indexOf('=');
        String name = equals < 0 ? text : text.substring(0, equals);
        Optional<Kind> kind = Arrays.stream(Kind.values()).filter(k -> k.label.equals(name)).findFirst();
        if (kind.isEmpty() || kind.get().timed() != (equals >= 0)) {
            return Optional.empty();
        }
        if (!kind.get().timed()) {
            return Optional.of(of(kind.get()));
        }
        try {
            Duration duration = Values.duration(text.substring(equals + 1), MIN_DURATION);
            return duration.compareTo(MAX_DURATION) > 0 ? Optional.empty() : Optional.of(new Fault(kind.get(), duration));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The fault as it is written, e.g. {@code drip=1500ms}. */
    public String label() {
        return kind.timed() ? kind.label + "=" + Values.format(duration) : kind.label;
    }

    /** Whether the fault closes or resets the socket itself, which only a server that controls its sockets can do. */
    public boolean needsSocketControl() {
        return kind != Kind.DELAY && kind != Kind.DRIP;
    }

    @Override
    public String toString() {
        return label();
    }
}
