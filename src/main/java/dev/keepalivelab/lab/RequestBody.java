package dev.keepalivelab.lab;

import dev.keepalivelab.lab.control.ControlApi;
import dev.keepalivelab.lab.protocol.Protocol;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Which request bodies the serving path reads before the lab answers, and which stay unread. {@code /submit}'s body is
 * read and counted up to {@link KeepAliveLab#MAX_SUBMIT_BYTES}; a control request's is read and kept up to
 * {@link ControlApi#MAX_BODY_BYTES}. Any other body the lab does not use, but it reads and
 * discards one of at most {@link #MAX_DISCARDED_BYTES}, declared or chunked, as nginx, Tomcat and Jetty do, waiting for
 * all of it under the request timeout, so that the connection can carry the next request whether or not the bytes had
 * arrived yet. A body over the bound, one that stopped before its end, or one sent after {@code Expect: 100-continue}
 * (which the lab answers without asking for it) stays unread, and the response says it closes. Over HTTP/2 a body the
 * lab does not use is not read: the stream ends after the response, and the connection stays whatever it was.
 */
public final class RequestBody {
    /** The largest body the lab reads and discards on a request that does not use it: 64 KiB. */
    public static final long MAX_DISCARDED_BYTES = 64 << 10;
    /** {@link #readLimit} of a request whose body the serving path does not read. */
    public static final long NONE = 0;

    private RequestBody() {
    }

    /**
     * How many bytes of the request's body the serving path reads before asking the lab; beyond them it stops and
     * gives {@link LabRequest#TOO_LARGE}. {@link #NONE} where it reads nothing: no body follows the head, the body
     * comes on an HTTP/2 stream of its own, or the client waits for a {@code 100 Continue} that a body the lab does
     * not use does not get.
     *
     * @param protocol the request's protocol, e.g. {@code HTTP/1.1}
     */
    public static long readLimit(String method, String path, String protocol, UnaryOperator<String> header) {
        if (LabRoutes.isSubmit(method, path)) {
            return KeepAliveLab.MAX_SUBMIT_BYTES;
        }
        if (keepsBytes(method, path)) {
            return ControlApi.MAX_BODY_BYTES;
        }
        if (Protocol.of(protocol, false).isHttp2() || !announced(header.apply("Content-Length"), header.apply("Transfer-Encoding"))) {
            return NONE;
        }
        String expect = header.apply("Expect");
        return expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue") ? NONE : MAX_DISCARDED_BYTES;
    }

    /**
     * Whether the serving path keeps the bytes it reads, for {@link LabRequest#body()}: a control request's JSON, whose
     * read limit is {@link ControlApi#MAX_BODY_BYTES}. Every other body is only counted.
     */
    public static boolean keepsBytes(String method, String path) {
        return ControlApi.readsBody(method, path);
    }

    /**
     * Whether the request's body stays on the connection: not read whole by the serving path, which says so in
     * {@link LabRequest#bodyBytes()}, and, where it read none, announced by the head.
     */
    static boolean leftUnread(LabRequest request) {
        long bodyBytes = request.bodyBytes();
        return bodyBytes < 0 && (bodyBytes != LabRequest.NOT_READ
                || announced(request.header("Content-Length"), request.header("Transfer-Encoding")));
    }

    /**
     * Whether a request's head says a body follows it (RFC 9112 section 6.3): a {@code Transfer-Encoding}, or a
     * {@code Content-Length} above 0.
     */
    static boolean announced(String contentLength, String transferEncoding) {
        if (transferEncoding != null) {
            return true;
        }
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) != 0;
        } catch (NumberFormatException unparsed) {
            return true;
        }
    }
}
