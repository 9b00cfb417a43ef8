package dev.keepalivelab.testing;

import java.util.List;
import java.util.Objects;

/**
 * A fault to arm through the control API ({@code POST /control/faults}): which fault, for how many requests or
 * connections, on which paths, for which client. Built as {@code FaultSpec.of("reset-on-reuse").requests(1)}; each
 * method returns a new spec. The lab checks it and refuses what it does not allow with a message naming the field.
 *
 * @param fault       the fault as {@code ?fault=} writes it, e.g. {@code reset-on-reuse} or {@code delay=300ms}
 * @param requests    the next N requests it matches, then it disarms itself; null for no count of requests
 * @param connections every matched request on the next N connections that carry one; null for no count of connections
 * @param paths       path globs as {@code closePaths} writes them; empty for any path
 * @param client      only requests of this client ({@code ?client=} tag, else User-Agent); null for any client
 */
public record FaultSpec(String fault, Integer requests, Integer connections, List<String> paths, String client) {

    public FaultSpec {
        Objects.requireNonNull(fault, "fault");
        paths = List.copyOf(paths);
    }

    /** {@code fault} on every request, until disarmed. */
    public static FaultSpec of(String fault) {
        return new FaultSpec(fault, null, null, List.of(), null);
    }

    /** This fault for the next {@code count} requests it matches. */
    public FaultSpec requests(int count) {
        return new FaultSpec(fault, count, connections, paths, client);
    }

    /** This fault for every matched request on the next {@code count} connections that carry one. */
    public FaultSpec connections(int count) {
        return new FaultSpec(fault, requests, count, paths, client);
    }

    /** This fault only on these paths (globs such as {@code /test1*.jpg}). */
    public FaultSpec paths(String... globs) {
        return new FaultSpec(fault, requests, connections, List.of(globs), client);
    }

    /** This fault only for requests of {@code client}: its {@code ?client=} tag, else its User-Agent. */
    public FaultSpec client(String client) {
        return new FaultSpec(fault, requests, connections, paths, Objects.requireNonNull(client, "client"));
    }
}
