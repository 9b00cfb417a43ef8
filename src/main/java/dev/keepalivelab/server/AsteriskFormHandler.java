package dev.keepalivelab.server;

import dev.keepalivelab.lab.LabRequestAttributes;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Passes a request for the target {@code *} ({@code OPTIONS * HTTP/1.1}, RFC 9112 section 3.2.4) to a servlet context,
 * which maps only paths that start with {@code /}: as {@code /*}, marked with {@link LabRequestAttributes#ASTERISK_FORM}
 * so that the servlet answers it as the lab answers {@code *} on every serving path. Without it Jetty answers its bare 404.
 */
final class AsteriskFormHandler extends Handler.Wrapper {
    private static final String ASTERISK = "*";

    AsteriskFormHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!ASTERISK.equals(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback);
        }
        HttpURI rooted = HttpURI.build(request.getHttpURI()).path("/" + ASTERISK).asImmutable();
        Request wrapped = new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return rooted;
            }
        };
        wrapped.setAttribute(LabRequestAttributes.ASTERISK_FORM, Boolean.TRUE);
        return super.handle(wrapped, response, callback);
    }
}
