package dev.keepalivelab.server.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Counts the bytes of HTTP/1.x responses that a connection's end point flushed, head and body apart: the head is the
 * first buffer of a response's first write, as Jetty's HTTP/1 generator writes it, after any interim response
 * ({@code 100 Continue}, written before the request's body is read, alone or in the same write), which is neither. One response at a
 * time: HTTP/1.x writes never overlap.
 */
public final class ResponseBytes {
    /** An end point whose responses are counted. */
    public interface Counted {
        ResponseBytes responseBytes();
    }

    /** An end point's own flush, which takes what it can of the buffers. */
    @FunctionalInterface
    interface Flush {
        boolean flush(ByteBuffer... buffers) throws IOException;
    }

    private static final byte[] STATUS_LINE_START = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

    private long flushed;
    private long interim;
    private long head = -1;

    void beforeWrite(ByteBuffer[] buffers) {
        for (int i = 0; head < 0 && i < buffers.length; i++) {
            if (isInterimResponse(buffers[i])) {
                interim += buffers[i].remaining();
            } else {
                head = buffers[i].remaining();
            }
        }
    }

    /** Whether {@code buffer} starts with a 1xx status line, {@code HTTP/1.1 100 }. */
    private static boolean isInterimResponse(ByteBuffer buffer) {
        int at = buffer.position();
        if (buffer.remaining() < STATUS_LINE_START.length + 3) {
            return false;
        }
        for (int i = 0; i < STATUS_LINE_START.length; i++) {
            if (buffer.get(at + i) != STATUS_LINE_START[i]) {
                return false;
            }
        }
        return buffer.get(at + STATUS_LINE_START.length + 2) == '1';
    }

    /** Flushes {@code buffers} through {@code flush}, counting the bytes it took, even when it fails. */
    boolean flush(ByteBuffer[] buffers, Flush flush) throws IOException {
        long before = remaining(buffers);
        try {
            return flush.flush(buffers);
        } finally {
            flushed += before - remaining(buffers);
        }
    }

    /** The body bytes flushed since the last call: all bytes less the head and any interim response. */
    public long takeBody() {
        long body = Math.max(0, flushed - interim - Math.max(0, head));
        flushed = 0;
        interim = 0;
        head = -1;
        return body;
    }

    private static long remaining(ByteBuffer[] buffers) {
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        return remaining;
    }
}
