package dev.keepalivelab.fault;

import java.time.Duration;

/**
 * How a {@code drip} spreads a body over its duration: one piece every {@link #PIECE_INTERVAL} (fewer for a short
 * body: at least one byte a piece), piece {@code i} written {@code (i + 1) / pieces} of the duration after the headers,
 * so that the last byte goes out when the duration is over.
 *
 * @param length the body's length in bytes
 * @param over   the drip's duration
 * @param pieces how many pieces; at least 1 (an empty last one for an empty body)
 */
public record DripSchedule(int length, Duration over, int pieces) {
    public static final Duration PIECE_INTERVAL = Duration.ofMillis(100);

    public static DripSchedule of(int length, Duration over) {
        long byTime = Math.max(1, over.toMillis() / PIECE_INTERVAL.toMillis());
        return new DripSchedule(length, over, (int) Math.max(1, Math.min(byTime, length)));
    }

    /** The offset in the body where piece {@code i} (0-based) starts; {@code start(pieces)} is the length. */
    public int start(int i) {
        return (int) ((long) i * length / pieces);
    }

    /** When piece {@code i} is due, counted from the headers. */
    public Duration due(int i) {
        return over.multipliedBy(i + 1).dividedBy(pieces);
    }
}
