package dev.keepalivelab.server;

import dev.keepalivelab.lab.LabRequestAttributes;
import dev.keepalivelab.lab.connection.ConnectionEnd;
import dev.keepalivelab.fault.Effects;
import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.lab.record.Exchange;
import dev.keepalivelab.lab.record.ResponseOutcome;
import dev.keepalivelab.server.socket.ResponseBytes;
import dev.keepalivelab.server.socket.SocketFaults;
import dev.keepalivelab.server.socket.WatchedEndPoint;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

import java.util.Optional;

/**
 * Runs as each exchange completes, for every request, the lab's and Jetty's own error responses alike: tells the lab
 * what became of the response (written whole or cut, the body bytes the socket took, whether the connection stayed
 * open, and why not) and writes the access log line from that outcome.
 */
final class ExchangeRecorder extends ContainerLifeCycle implements RequestLog {
    private final boolean requestTimeoutSet;
    private final LabAccessLog accessLog;

    /**
     * @param requestTimeoutSet whether a request timeout distinct from the idle timeout is set, so that a timeout
     *                          during a response is that one
     * @param accessLog         where to log each exchange, or empty for no access log
     */
    ExchangeRecorder(boolean requestTimeoutSet, Optional<LabAccessLog> accessLog) {
        this.requestTimeoutSet = requestTimeoutSet;
        this.accessLog = accessLog.orElse(null);
        accessLog.ifPresent(this::addBean);
    }

    @Override
    public void log(Request request, Response response) {
        Connection connection = request.getConnectionMetaData().getConnection();
        EndPoint endPoint = connection.getEndPoint();
        WatchedEndPoint socket = WatchedEndPoint.under(endPoint).orElse(null);
        boolean http2 = Protocol.of(request.getConnectionMetaData().getProtocol(), request.isSecure()).isHttp2();
        Exchange exchange = request.getAttribute(LabRequestAttributes.EXCHANGE) instanceof Exchange e ? e : null;
        // A response the lab withheld is never complete, whatever the servlet container made of the empty exchange.
        boolean answered = exchange == null || exchange.faultEffects().responds();
        boolean complete = answered && (response.isCompletedSuccessfully() || (http2 && wroteTheWholeBody(response)));
        long bodyBytes = !http2 && endPoint instanceof ResponseBytes.Counted counted ? counted.responseBytes().takeBody()
                : complete ? Response.getContentBytesWritten(response) : ResponseOutcome.UNKNOWN;
        String outcome = null;
        if (exchange != null) {
            outcome = exchange.complete(!http2 ? http1Outcome(request, exchange, complete, bodyBytes, socket)
                    : http2Outcome(exchange, complete, bodyBytes));
            closeAfterResponse(request, exchange, complete);
        }
        if (accessLog != null) {
            accessLog.log(request, response, answered, bodyBytes, outcome);
        }
    }

    /**
     * Whether every byte of the declared body was written. A stream whose request body the server left unread (a
     * {@code 413} from {@code /submit}) ends with RST_STREAM after its whole response: Jetty reports the exchange
     * failed, while its client got all of it.
     */
    private static boolean wroteTheWholeBody(Response response) {
        long declared = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        return response.isCommitted() && declared >= 0 && Response.getContentBytesWritten(response) == declared;
    }

    /**
     * A fault's close or reset once the exchange is over and recorded: after the whole response (its last byte is with
     * the kernel), or in place of one, where an aborted exchange alone would close rather than reset.
     */
    private static void closeAfterResponse(Request request, Exchange exchange, boolean complete) {
        Effects effects = exchange.faultEffects();
        Effects.End end = switch (effects.start()) {
            case WRITE, DELAY -> effects.end();
            case RESET -> Effects.End.RESET;
            case CLOSE, HOLD, GOAWAY_BELOW -> Effects.End.NONE; // Closed already, or at its timeout or the client's close.
            case REFUSE_STREAM -> Effects.End.NONE; // The stream's alone: the connection stays.
        };
        Runnable action = switch (end) {
            case NONE -> () -> {
            };
            case CLOSE -> () -> {
                if (complete) {
                    SocketFaults.of(request).close();
                }
            };
            case RESET -> () -> SocketFaults.of(request).reset();
        };
        action.run();
    }

    private ResponseOutcome http1Outcome(Request request, Exchange exchange, boolean complete, long bodyBytes, WatchedEndPoint socket) {
        CloseReason fault = exchange.faultCloseReason();
        if (fault != null) {
            return new ResponseOutcome(complete, bodyBytes, false, fault);
        }
        boolean kept = complete && request.getConnectionMetaData().isPersistent();
        return new ResponseOutcome(complete, bodyBytes, kept, kept ? null : serverCloseReason(request, exchange, complete, socket));
    }

    /**
     * A stream's outcome says nothing of its connection, which other streams share: a reset or failed stream leaves
     * it open, and a session that closed meanwhile ended for a reason of its own, which its socket reports. Only the
     * lab's rule, by its GOAWAY, ends the connection at a stream.
     */
    private static ResponseOutcome http2Outcome(Exchange exchange, boolean complete, long bodyBytes) {
        return exchange.closesConnection() ? new ResponseOutcome(complete, bodyBytes, false, exchange.closeReason())
                : new ResponseOutcome(complete, bodyBytes, null, null);
    }

    /** Why Jetty closed a connection the lab may have wanted kept: what its socket saw, or the body the lab left unread. */
    private Reason serverCloseReason(Request request, Exchange exchange, boolean complete, WatchedEndPoint socket) {
        if (!complete) {
            ConnectionEnd end = socket == null ? null : socket.end();
            CloseReason socketSaw = end == null ? null : end.reason();
            if (socketSaw == Reason.IDLE_TIMEOUT) {
                return requestTimeoutSet ? Reason.REQUEST_TIMEOUT : Reason.IDLE_TIMEOUT;
            }
            return socketSaw == Reason.CLIENT ? Reason.CLIENT : Reason.ERROR;
        }
        if (request.getConnectionMetaData().getConnector().isShutdown()) {
            return Reason.SHUTDOWN;
        }
        return exchange.bodyLeftUnread() ? Reason.UNREAD_BODY : Reason.ERROR;
    }
}
