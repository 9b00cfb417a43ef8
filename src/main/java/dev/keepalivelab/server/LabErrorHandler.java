package dev.keepalivelab.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own error responses (a malformed request line, an over-long header block, an ambiguous path) as one line
 * of plain text, {@code 400 Bad Request: Ambiguous URI path separator}, with {@code nosniff} like every response of
 * the lab. Jetty's default is an HTML page that repeats the request's URI.
 */
final class LabErrorHandler extends ErrorHandler {
    private static final int MAX_MESSAGE = 200;

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String text = code + " " + HttpStatus.getMessage(code);
        String reason = printable(message);
        if (!reason.isEmpty() && !reason.equals(HttpStatus.getMessage(code))) {
            text += ": " + reason;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        // Jetty closes after a bad message (an over-long request line, an ambiguous path): the response says so first.
        // HTTP/2, whose connections these are not, drops the header.
        if (!request.getConnectionMetaData().isPersistent()) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Jetty's reasons are fixed phrases; this keeps any other text to one short line of visible ASCII. */
    static String printable(String message) {
        if (message == null) {
            return "";
        }
        String line = message.replaceAll("[^ -~]", "?");
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) : line;
    }
}
