package dev.keepalivelab.testing;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the lab remembers, {@code GET /connections} as typed objects. {@link LabClient#record()} leaves out the
 * harness's own requests (the {@link LabClient}'s, User-Agent {@value LabClient#USER_AGENT}: its control calls and its
 * reads of the record) and the connections that carried only those; {@link LabClient#rawRecord()} keeps everything.
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

    /**
     * This record without the requests the harness made ({@link LabClient}'s, client {@value LabClient#USER_AGENT}) and
     * the connections whose remembered requests were all the harness's; the counts since the start stay whole.
     */
    LabRecord withoutHarness() {
        List<RecordedRequest> kept = requests.stream().filter(r -> !r.client().equals(LabClient.USER_AGENT)).toList();
        Set<String> harnessOnly = requests.stream().map(RecordedRequest::connection).collect(Collectors.toCollection(HashSet::new));
        kept.forEach(r -> harnessOnly.remove(r.connection()));
        return new LabRecord(requestsSeen, connectionsSeen, kept,
                connections.stream().filter(c -> !harnessOnly.contains(c.label())).toList(), clients);
    }
}
