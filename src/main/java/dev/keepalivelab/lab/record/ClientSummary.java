package dev.keepalivelab.lab.record;

import dev.keepalivelab.lab.connection.ConnectionView;
import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.record.RequestRecord.Delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each client did, as the server saw it: how it used connections, and what it did about the requests a fault took
 * from it. A client is its {@code ?client=} tag, else its {@code User-Agent}. Computed from the requests and connections
 * the lab remembers (those {@code /connections} selects), never from what a client says it did; requests for
 * {@code /connections} itself and for the control API are left out, so that polling or driving the lab does not change it.
 */
final class ClientSummary {
    /** How soon after a lost request the same method and path on another connection counts as its retry. */
    static final Duration RETRY_WINDOW = Duration.ofSeconds(5);

    /**
     * One client's behaviour.
     *
     * @param client                      its tag or User-Agent
     * @param requests                    its requests
     * @param connections                 the connections that carried them
     * @param reused                      HTTP/1.x requests that came on a connection that had carried one before
     * @param medianIdleMs                how long a connection sat idle before such a reuse (from the end of the previous
     *                                    response to the next request), the median; null without reuse
     * @param maxIdleMs                   the longest such idle time; null without reuse
     * @param reusedAfterKeepAliveTimeout reuses that came later than the previous response's {@code Keep-Alive: timeout}
     * @param faults                      requests that asked for or were given a fault
     * @param lost                        requests a fault left without a whole response (a stale connection sprung, no
     *                                    response, a cut response)
     * @param retried                     lost idempotent requests (not POST or PATCH) sent again, same method and path, on
     *                                    another connection within {@link #RETRY_WINDOW}
     * @param retriedNonIdempotent        lost POST or PATCH requests sent again so
     * @param notRetried                  lost requests not sent again so
     */
    record Client(String client, int requests, int connections, int reused, Long medianIdleMs, Long maxIdleMs,
                  int reusedAfterKeepAliveTimeout, int faults, int lost, int retried, int retriedNonIdempotent,
                  int notRetried) {
    }

    private ClientSummary() {
    }

    static List<Client> of(List<RequestRecord> requests, List<ConnectionView> connections) {
        Map<String, List<RequestRecord>> byClient = new LinkedHashMap<>();
        for (RequestRecord r : requests) {
            if (!r.facts().path().equals(ConnectionsJson.PATH) && !ConnectionsJson.isControlPath(r.facts().path())) {
                byClient.computeIfAbsent(r.facts().client(), c -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Instant> closedAt = new HashMap<>();
        connections.forEach(c -> {
            if (c.closedAt() != null) {
                closedAt.put(c.label(), c.closedAt());
            }
        });
        List<Client> clients = new ArrayList<>();
        byClient.forEach((client, theirs) -> clients.add(summarize(client, theirs, closedAt)));
        return clients;
    }

    private static Client summarize(String client, List<RequestRecord> requests, Map<String, Instant> closedAt) {
        Set<String> labels = new HashSet<>();
        Map<String, RequestRecord> previousOn = new HashMap<>();
        List<Long> idles = new ArrayList<>();
        int afterTimeout = 0;
        int faults = 0;
        List<RequestRecord> lost = new ArrayList<>();
        for (RequestRecord r : requests) {
            labels.add(r.connectionLabel());
            RequestRecord previous = previousOn.put(r.connectionLabel(), r);
            if (previous != null && !r.facts().connectionProtocol().isHttp2() && previous.requestOnConnection() == r.requestOnConnection() - 1) {
                Instant idleFrom = previous.finished() != null ? previous.finished() : previous.time();
                long idle = Math.max(0, Duration.between(idleFrom, r.time()).toMillis());
                idles.add(idle);
                if (previous.facts().keepAlive() > 0 && idle > previous.facts().keepAlive() * 1000) {
                    afterTimeout++;
                }
            }
            if (r.facts().fault() != null) {
                faults++;
            }
            if (r.reason() instanceof CloseReason.ByFault && r.delivery() == Delivery.FAILED) {
                lost.add(r);
            }
        }
        int retried = 0;
        int retriedNonIdempotent = 0;
        Set<Long> retries = new HashSet<>();
        for (RequestRecord l : lost) {
            Instant learnt = closedAt.getOrDefault(l.connectionLabel(), l.finished() != null ? l.finished() : l.time());
            RequestRecord retry = requests.stream()
                    .filter(r -> r.id() > l.id() && !retries.contains(r.id()) && !r.connectionLabel().equals(l.connectionLabel())
                            && r.facts().method().equals(l.facts().method()) && r.facts().path().equals(l.facts().path())
                            && Duration.between(learnt, r.time()).compareTo(RETRY_WINDOW) <= 0)
                    .findFirst().orElse(null);
            if (retry != null) {
                retries.add(retry.id());
                if (idempotent(l.facts().method())) {
                    retried++;
                } else {
                    retriedNonIdempotent++;
                }
            }
        }
        idles.sort(null);
        return new Client(client, requests.size(), labels.size(), idles.size(),
                idles.isEmpty() ? null : idles.get((idles.size() - 1) / 2), idles.isEmpty() ? null : idles.get(idles.size() - 1),
                afterTimeout, faults, lost.size(), retried, retriedNonIdempotent, lost.size() - retried - retriedNonIdempotent);
    }

    /** RFC 9110 section 9.2.2: every method the lab answers but POST and PATCH. */
    static boolean idempotent(String method) {
        return !method.equals("POST") && !method.equals("PATCH");
    }
}
