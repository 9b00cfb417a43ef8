package dev.keepalivelab.testing;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One request as the lab recorded it, a request of {@code GET /connections} (docs/watching-connections.md).
 *
 * @param id                  the lab's id for it, counting from 1 since the lab started
 * @param connection          the label of the connection that carried it, e.g. {@code c2}
 * @param requestOnConnection its index on that connection, from 1
 * @param method              its method
 * @param path                its path, without the query
 * @param protocol            its protocol as the request line says it, e.g. {@code HTTP/1.1}, {@code HTTP/2.0}
 * @param remotePort          the client's port
 * @param status              the response's status; empty where a fault left it without one
 * @param stream              its HTTP/2 stream id; empty on HTTP/1.x
 * @param load                the page load it belongs to; empty outside one
 * @param client              its {@code ?client=} tag, else its User-Agent, else {@code -}
 * @param fault               the fault it asked for or was given, e.g. {@code reset-on-reuse}; empty for none
 * @param decision            {@code kept} or {@code closed}: what became of its connection
 * @param reason              what decided it, e.g. {@code policy}, {@code max-requests}, {@code fault/reset}
 * @param outcome             {@code complete} or {@code failed}; empty while the response is in progress
 * @param bytes               the body bytes the socket took; empty while in progress (or cut on HTTP/2)
 * @param time                when it arrived
 */
public record RecordedRequest(long id, String connection, int requestOnConnection, String method, String path,
                              String protocol, int remotePort, OptionalInt status, OptionalLong stream, OptionalLong load,
                              String client, Optional<String> fault, String decision, String reason,
                              Optional<String> outcome, OptionalLong bytes, Instant time) {

    /** Whether its response went out whole. */
    public boolean complete() {
        return outcome.filter("complete"::equals).isPresent();
    }
}
