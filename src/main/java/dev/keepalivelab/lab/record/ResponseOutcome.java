package dev.keepalivelab.lab.record;

import dev.keepalivelab.lab.protocol.CloseReason;

/**
 * What became of a response once the server finished with it: what the record of the request says in place of the
 * lab's intention.
 *
 * @param complete       true when the whole response was written; false when it was cut short or never sent
 * @param bodyBytes      the body bytes written to the connection; {@link #UNKNOWN} where the server cannot tell
 * @param connectionKept whether the connection stayed open for another request; null where the server cannot tell
 *                       (a foreign servlet container)
 * @param closeReason    why the server closed the connection, where it closed it for a reason of its own rather
 *                       than the lab's; null otherwise
 */
public record ResponseOutcome(boolean complete, long bodyBytes, Boolean connectionKept, CloseReason closeReason) {
    public static final long UNKNOWN = -1;

    /** A response a foreign container took: the lab knows whether its own write succeeded, not what the connection did. */
    public static ResponseOutcome withoutConnectionFacts(boolean complete, long bodyBytes) {
        return new ResponseOutcome(complete, bodyBytes, null, null);
    }
}
