package dev.keepalivelab.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's {@link GracefulHandler}, which counts the requests in flight so that a graceful stop waits for them, except
 * that a request reaching it after the stop began is served instead of answered 503. Such a request was sent before
 * its client could know of the stop: an HTTP/2 stream the client opened before the stop's GOAWAY reached it (the
 * GOAWAY then names it, so the client must not retry it), or the next request on a kept HTTP/1.1 connection, which
 * Jetty answers with {@code Connection: close} once its connector is shutting down. New connections are refused at
 * the socket ({@link RefuseNewConnections}), so nothing else reaches the handler during the stop.
 */
final class ServeDuringStop extends GracefulHandler {
    ServeDuringStop(Handler lab) {
        super(lab);
    }

    /** Called with the request counted and a callback that uncounts it, as for a request before the stop. */
    @Override
    protected void handleShutdownRejection(Request request, Response response, Callback callback) {
        try {
            if (!getHandler().handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable failure) {
            Response.writeError(request, response, callback, failure);
        }
    }
}
