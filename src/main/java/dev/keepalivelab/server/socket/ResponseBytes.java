package dev.keepalivelab.server.socket;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Counts the bytes of HTTP/1.x responses that a connection's end point flushed, head and body apart: the head is the
 * first buffer of a response's first write, as Jetty's HTTP/1 generator writes it. One response at a time: HTTP/1.x
 * writes never overlap.
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

    private long flushed;
    private long head = -1;

    void beforeWrite(ByteBuffer[] buffers) {
        if (head < 0 && buffers.length > 0) {
            head = buffers[0].remaining();
        }
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

    /** The body bytes flushed since the last call: all bytes less the head. */
    public long takeBody() {
        long body = Math.max(0, flushed - Math.max(0, head));
        flushed = 0;
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
