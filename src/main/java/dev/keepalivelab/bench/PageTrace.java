package dev.keepalivelab.bench;

import java.util.List;

/**
 * What one page load looked like on the wire, as a browser's network panel draws it: one lane per connection,
 * in the order they opened. Times are milliseconds from sending the page request.
 */
record PageTrace(double totalMillis, List<Lane> lanes) {

    /**
     * One connection.
     *
     * @param openedMillis  when its TCP connection was established on loopback (to the RTT proxy, if any)
     * @param tcpDoneMillis when its emulated TCP handshake ended: one RTT after opening through the proxy, at once without
     * @param tlsDoneMillis when its TLS handshake ended; NaN without TLS
     * @param resumed       whether that handshake resumed a session (no certificate to check)
     * @param requests      what it carried; empty if it was opened and never used
     */
    record Lane(double openedMillis, double tcpDoneMillis, double tlsDoneMillis, boolean resumed, List<Bar> requests) {
        boolean tls() {
            return !Double.isNaN(tlsDoneMillis);
        }
    }

    /**
     * One request.
     *
     * @param path             what it asked for
     * @param sentMillis       when the client began to send it on its connection
     * @param firstByteMillis  when the response began to arrive
     * @param lastByteMillis   when the response's last byte arrived; for a lost attempt, when it was given up
     * @param lost             whether it was lost and sent again on another connection ({@link RetryRule})
     */
    record Bar(String path, double sentMillis, double firstByteMillis, double lastByteMillis, boolean lost) {
    }

    /** Connections that carried a request, lost or not. */
    int connections() {
        return (int) lanes.stream().filter(lane -> !lane.requests().isEmpty()).count();
    }

    /** Connections the client opened and closed without sending a request on them. */
    int unusedConnections() {
        return lanes.size() - connections();
    }

    /** Requests answered: the attempts lost and sent again are not counted. */
    int requests() {
        return (int) lanes.stream().flatMap(lane -> lane.requests().stream()).filter(bar -> !bar.lost()).count();
    }
}
