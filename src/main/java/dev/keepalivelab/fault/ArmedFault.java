package dev.keepalivelab.fault;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A fault armed at run time (the control API's {@code POST /control/faults}), as it stands now: what it is, which
 * requests it goes to, how many more it may take and how many it was given.
 *
 * @param id        its id, e.g. {@code f3}, in arming order
 * @param fault     the fault, as {@code ?fault=} writes it
 * @param count     how long it stays armed
 * @param paths     path globs ({@code closePaths}' form) a request's path must match one of; empty for any path
 * @param client    the only client it goes to ({@code ?client=} tag, else User-Agent); empty for any
 * @param remaining how many more requests (or connections) it may take; empty while armed until disarmed
 * @param applied   how many requests it has been given to
 */
public record ArmedFault(String id, Fault fault, Count count, List<String> paths, Optional<String> client,
                         OptionalLong remaining, long applied) {
    public ArmedFault {
        paths = List.copyOf(paths);
    }

    /** The most requests or connections one armed fault may count. */
    public static final int MAX_COUNT = 1_000_000;

    /** How long a fault stays armed: the next N requests it matches, every matched request on N connections, or until disarmed. */
    public record Count(Kind kind, int n) {
        public static final Count UNTIL_DISARMED = new Count(Kind.UNTIL_DISARMED, 0);

        public enum Kind {
            REQUESTS, CONNECTIONS, UNTIL_DISARMED
        }

        public Count {
            if ((kind == Kind.UNTIL_DISARMED) != (n == 0) || n < 0 || n > MAX_COUNT) {
                throw new IllegalArgumentException(kind + " " + n);
            }
        }

        public static Count requests(int n) {
            return new Count(Kind.REQUESTS, n);
        }

        public static Count connections(int n) {
            return new Count(Kind.CONNECTIONS, n);
        }
    }

    /**
     * What a client asks to arm.
     *
     * @param fault  the fault
     * @param count  how long it stays armed
     * @param paths  path globs; empty for any path
     * @param client the only client it goes to; empty for any
     */
    public record Arming(Fault fault, Count count, List<String> paths, Optional<String> client) {
        public Arming {
            paths = List.copyOf(paths);
        }
    }
}
