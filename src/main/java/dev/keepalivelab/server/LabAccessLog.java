package dev.keepalivelab.server;

import dev.keepalivelab.lab.LabRequestAttributes;
import dev.keepalivelab.settings.ServerSettings;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.lab.record.ResponseOutcome;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.DateCache;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;

/**
 * An access log in NCSA combined format followed by the connection label, the request's index on its
 * connection, what became of the connection after the response, like nginx's {@code $connection $connection_requests},
 * and the connection's protocol as ALPN names it ({@code http/1.1}, {@code h2}, {@code h2c}):
 * <pre>127.0.0.1 - - [25/Nov/2026:21:00:00 +0000] "GET /test1.jpg HTTP/1.1" 200 31548 "-" "curl/8.0" c3 2 kept/policy http/1.1</pre>
 * The size is the body bytes the socket took. Requests that never reached the lab (e.g. a 400 for a malformed URI) log
 * {@code - - -} in the three fields before the protocol.
 */
final class LabAccessLog extends ContainerLifeCycle {
    /** Formats each second once, not each request. */
    private final DateCache ncsaTime = new DateCache("dd/MMM/yyyy:HH:mm:ss Z", Locale.US, TimeZone.getDefault());

    private final RequestLog.Writer writer;

    private LabAccessLog(RequestLog.Writer writer) {
        this.writer = writer;
        addBean(writer);
    }

    /** Logs to standard output line by line for {@code -}, else appends to the file at {@code target} in blocks. */
    static LabAccessLog to(String target, PrintStream standardOutput) {
        if (target.equals(ServerSettings.STANDARD_OUTPUT)) {
            return new LabAccessLog(standardOutput::println);
        }
        return new LabAccessLog(new BufferedLogFile(target));
    }

    /**
     * @param answered  false where a fault left the request without a response: status and size are then {@code -}
     * @param bodyBytes the response's body bytes written, or {@link ResponseOutcome#UNKNOWN}
     * @param outcome   what became of the connection, e.g. {@code closed/request-timeout}; null where the lab did not answer
     */
    void log(Request request, Response response, boolean answered, long bodyBytes, String outcome) {
        StringBuilder line = new StringBuilder(256)
                .append(Request.getRemoteAddr(request)).append(" - - [").append(ncsaTime.format(Request.getTimeStamp(request)))
                .append("] \"").append(request.getMethod()).append(' ').append(request.getHttpURI().getPathQuery()).append(' ')
                .append(request.getConnectionMetaData().getProtocol()).append("\" ")
                .append(answered ? Integer.toString(response.getStatus()) : "-").append(' ')
                .append(!answered || bodyBytes == ResponseOutcome.UNKNOWN ? "-" : Long.toString(bodyBytes))
                .append(" \"").append(header(request, HttpHeader.REFERER)).append("\" \"").append(header(request, HttpHeader.USER_AGENT))
                .append("\" ").append(attribute(request, LabRequestAttributes.CONNECTION_LABEL))
                .append(' ').append(attribute(request, LabRequestAttributes.REQUEST_ON_CONNECTION))
                .append(' ').append(outcome == null ? "-" : outcome)
                .append(' ').append(Protocol.of(request.getConnectionMetaData().getProtocol(), request.isSecure()).label());
        try {
            writer.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the access log", e);
        }
    }

    private static String header(Request request, HttpHeader name) {
        String value = request.getHeaders().get(name);
        return value == null ? "-" : value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String attribute(Request request, String name) {
        return Objects.toString(request.getAttribute(name), "-");
    }
}
