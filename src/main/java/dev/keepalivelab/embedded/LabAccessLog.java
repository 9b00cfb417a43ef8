package dev.keepalivelab.embedded;

import dev.keepalivelab.servlet.LabRequestAttributes;
import dev.keepalivelab.settings.ServerSettings;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.RequestLogWriter;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * An access log in NCSA combined format followed by the connection label, the request's index on its
 * connection and the lab's keep/close decision, like nginx's {@code $connection $connection_requests}:
 * <pre>127.0.0.1 - - [25/Nov/2026:21:00:00 +0000] "GET /test1.jpg HTTP/1.1" 200 31548 "-" "curl/8.0" c3 2 kept/policy</pre>
 * Requests that never reached the lab (e.g. a 400 for a malformed URI) log {@code - - -} in those fields.
 */
final class LabAccessLog extends ContainerLifeCycle implements RequestLog {
    private static final DateTimeFormatter NCSA_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneId.systemDefault());

    private final RequestLog.Writer writer;

    private LabAccessLog(RequestLog.Writer writer) {
        this.writer = writer;
        addBean(writer);
    }

    /** Logs to standard output for {@code -}, else appends to the file at {@code target}. */
    static LabAccessLog to(String target, PrintStream standardOutput) {
        if (target.equals(ServerSettings.STANDARD_OUTPUT)) {
            return new LabAccessLog(standardOutput::println);
        }
        RequestLogWriter file = new RequestLogWriter(target);
        file.setAppend(true);
        return new LabAccessLog(file);
    }

    @Override
    public void log(Request request, Response response) {
        String line = Request.getRemoteAddr(request) + " - - [" + NCSA_TIME.format(Instant.ofEpochMilli(Request.getTimeStamp(request)))
                + "] \"" + request.getMethod() + ' ' + request.getHttpURI().getPathQuery() + ' '
                + request.getConnectionMetaData().getProtocol() + "\" " + response.getStatus() + ' '
                + Response.getContentBytesWritten(response)
                + " \"" + header(request, HttpHeader.REFERER) + "\" \"" + header(request, HttpHeader.USER_AGENT) + "\" "
                + attribute(request, LabRequestAttributes.CONNECTION_LABEL) + ' '
                + attribute(request, LabRequestAttributes.REQUEST_ON_CONNECTION) + ' '
                + attribute(request, LabRequestAttributes.DECISION);
        try {
            writer.write(line);
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
