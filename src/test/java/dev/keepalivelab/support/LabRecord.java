package dev.keepalivelab.support;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A test lab's record, {@code GET /connections}, read on a connection of its own, and waited on: the record settles a
 * moment after a client sees a response end or a connection close, so a test that checks it waits for the state.
 */
public final class LabRecord {
    private LabRecord() {
    }

    /** {@code GET /connections} plus {@code query} (empty, or starting with {@code ?}), checked as JSON that is not cached. */
    public static Connections read(TestLab lab, String query) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse response = connection.get("/connections" + query);
            assertEquals(200, response.status(), response.bodyText());
            assertEquals(Optional.of("application/json"), response.header("Content-Type"));
            assertEquals(Optional.of("no-store"), response.header("Cache-Control"));
            return Connections.parse(response.body());
        }
    }

    /** The whole record. */
    public static Connections read(TestLab lab) throws Exception {
        return read(lab, "");
    }

    /** The requests on the connection labelled {@code label} now, oldest first. */
    public static List<Connections.Request> requestsOn(TestLab lab, String label) throws Exception {
        return read(lab).requestsOn(label);
    }

    /** The first connection in the record of {@code query} that satisfies {@code condition}; fails after {@link TestLab#CLOSE_WAIT}. */
    public static Connections.Connection awaitConnection(TestLab lab, String query, String what,
                                                         Predicate<Connections.Connection> condition) throws Exception {
        Connections record = Await.until(what, CLOSE_WAIT, () -> read(lab, query),
                r -> r.connections().stream().anyMatch(condition));
        return record.connections().stream().filter(condition).findFirst().orElseThrow();
    }

    /** The connection labelled {@code label} once it satisfies {@code condition}. */
    public static Connections.Connection awaitConnection(TestLab lab, String label, Predicate<Connections.Connection> condition)
            throws Exception {
        return awaitConnection(lab, "", "connection " + label + " in the expected state",
                c -> c.label().equals(label) && condition.test(c));
    }

    /** The connection labelled {@code label} once it has ended and says why. */
    public static Connections.Connection ended(TestLab lab, String label) throws Exception {
        return awaitConnection(lab, "", "connection " + label + " to end", c -> c.label().equals(label) && c.ended());
    }

    /** The connection from the client's port {@code port} once it has ended and says why. */
    public static Connections.Connection endedFrom(TestLab lab, int port) throws Exception {
        return awaitConnection(lab, "", "the connection from port " + port + " to end", c -> c.remotePort() == port && c.ended());
    }

    /** The request {@code index} on {@code label} once the server has finished it. */
    public static Connections.Request finished(TestLab lab, String label, int index) throws Exception {
        return Await.until("request " + index + " on " + label + " to finish", CLOSE_WAIT, () -> requestsOn(lab, label),
                requests -> requests.size() >= index && requests.get(index - 1).finished()).get(index - 1);
    }

    /** At least {@code count} requests on {@code label}, once every one of them has finished. */
    public static List<Connections.Request> finishedOn(TestLab lab, String label, int count) throws Exception {
        return Await.until(count + " finished requests on " + label, CLOSE_WAIT, () -> requestsOn(lab, label),
                requests -> requests.size() >= count && requests.stream().allMatch(Connections.Request::finished));
    }

    /** The summary of {@code client} once every request it made has finished and the summary satisfies {@code ready}. */
    public static Connections.Client summaryOf(TestLab lab, String client, Predicate<Connections.Client> ready) throws Exception {
        Connections record = Await.until("a settled summary of " + client, CLOSE_WAIT, () -> read(lab),
                r -> r.requests().stream().noneMatch(q -> q.client().equals(client) && !q.finished())
                        && r.client(client).filter(ready).isPresent());
        return record.client(client).orElseThrow();
    }
}
