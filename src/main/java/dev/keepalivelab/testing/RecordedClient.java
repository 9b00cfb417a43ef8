package dev.keepalivelab.testing;

import java.util.OptionalLong;

/**
 * What one client did, as the lab's per-client summary in {@code GET /connections} says (requests for
 * {@code /connections} left out).
 *
 * @param client                      its {@code ?client=} tag or User-Agent
 * @param requests                    its requests
 * @param connections                 the connections that carried them
 * @param reused                      HTTP/1.x requests on a connection that had carried one before
 * @param medianIdleBeforeReuseMs     the median idle time before such a reuse; empty without reuse
 * @param maxIdleBeforeReuseMs        the longest; empty without reuse
 * @param reusedAfterKeepAliveTimeout reuses later than the previous response's {@code Keep-Alive: timeout}
 * @param faults                      requests that asked for or were given a fault
 * @param lost                        requests a fault left without a whole response
 * @param retried                     lost idempotent requests sent again on another connection
 * @param retriedNonIdempotent        lost POST or PATCH requests sent again so
 * @param notRetried                  lost requests not sent again
 */
public record RecordedClient(String client, int requests, int connections, int reused, OptionalLong medianIdleBeforeReuseMs,
                             OptionalLong maxIdleBeforeReuseMs, int reusedAfterKeepAliveTimeout, int faults, int lost,
                             int retried, int retriedNonIdempotent, int notRetried) {
}
