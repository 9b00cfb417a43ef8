package dev.keepalivelab.testing;

import java.util.List;
import java.util.Optional;

/**
 * What the lab remembers, {@code GET /connections} as typed objects. It holds every request the lab recorded, the
 * {@link LabClient}'s own (User-Agent {@value LabClient#USER_AGENT}) among them.
 *
 * @param requestsSeen    requests since the lab started
 * @param connectionsSeen connections since the lab started
 * @param requests        the requests remembered, oldest first
 * @param connections     the connections remembered, in order of their first request
 * @param clients         each client's summary
 */
public record LabRecord(long requestsSeen, long connectionsSeen, List<RecordedRequest> requests,
                        List<RecordedConnection> connections, List<RecordedClient> clients) {

    public LabRecord {
        requests = List.copyOf(requests);
        connections = List.copyOf(connections);
        clients = List.copyOf(clients);
    }

    /** The connection labelled {@code label}, if remembered. */
    public Optional<RecordedConnection> connection(String label) {
        return connections.stream().filter(c -> c.label().equals(label)).findFirst();
    }

    /** The requests the connection labelled {@code label} carried, in order. */
    public List<RecordedRequest> requestsOn(String label) {
        return requests.stream().filter(r -> r.connection().equals(label)).toList();
    }

    /** The requests of {@code client} (its {@code ?client=} tag, else its User-Agent), in order. */
    public List<RecordedRequest> requestsBy(String client) {
        return requests.stream().filter(r -> r.client().equals(client)).toList();
    }

    /** The summary of {@code client}, if it made a request the record remembers. */
    public Optional<RecordedClient> client(String client) {
        return clients.stream().filter(c -> c.client().equals(client)).findFirst();
    }
}
