package dev.keepalivelab.lab;

import dev.keepalivelab.fault.Effects;
import dev.keepalivelab.lab.record.Exchange;
import dev.keepalivelab.fault.Fault;

import java.util.List;

/**
 * The lab's answer to one request, for a serving path to write as it is: the status, the headers in order,
 * and the body, which is shared between responses and must not be modified.
 *
 * @param status              the response status
 * @param headers             the headers to set, in order, except {@code Content-Type} and {@code Content-Length}
 * @param contentType         the {@code Content-Type}; null for a response without content (204)
 * @param body                the body; its length is the {@code Content-Length}, also for a HEAD request, which gets no body
 * @param exchange            the request on its connection, for the serving path to report the response's outcome
 * @param connectionLabel     the connection's label, e.g. {@code c3}, for an access log
 * @param fault               the fault the response gets, or null; its {@link Fault#duration()} times a delay or drip
 * @param faultEffects        what the serving path does for the fault ({@link Effects#NONE} without one)
 */
public record LabResponse(int status, List<Header> headers, String contentType, ResponseBody body, Exchange exchange,
                          String connectionLabel, Fault fault, Effects faultEffects) {

    /** The request's 1-based index on its connection. */
    public int requestOnConnection() {
        return exchange.requestOnConnection();
    }

    /** One response header. */
    public record Header(String name, String value) {
    }
}
