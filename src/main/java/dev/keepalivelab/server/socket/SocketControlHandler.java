package dev.keepalivelab.server.socket;

import dev.keepalivelab.lab.LabRequestAttributes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Gives each request what the servlet cannot get through the Servlet API: the lab's connection that its socket carries,
 * as {@link LabRequestAttributes#CONNECTION}, and its connection's {@link SocketFaults} as
 * {@link LabRequestAttributes#SOCKET_CONTROL}, through which the servlet makes the faults that the Servlet API cannot (a
 * close, a reset, a request held until the timeout).
 */
public final class SocketControlHandler extends Handler.Wrapper {
    public SocketControlHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        request.setAttribute(LabRequestAttributes.CONNECTION, WatchedEndPoint.of(request).labConnection());
        request.setAttribute(LabRequestAttributes.SOCKET_CONTROL, SocketFaults.of(request));
        return super.handle(request, response, callback);
    }
}
