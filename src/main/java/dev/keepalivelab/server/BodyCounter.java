package dev.keepalivelab.server;

import dev.keepalivelab.lab.LabRequest;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Reads a request's body without blocking and counts its bytes, up to a limit: a declared length above it is refused
 * unread, a longer chunked body is read only as far as the limit. The rest is left unread, and the lab closes the
 * connection after its answer. Where asked, it keeps the bytes it reads too (a control request's JSON).
 */
final class BodyCounter implements Runnable {
    private final Request request;
    private final long max;
    private final LongConsumer counted;
    private final Consumer<Throwable> failed;
    /** Where the bytes read go, or null where they are only counted. */
    private final ByteArrayOutputStream kept;
    private long bytes;

    private BodyCounter(Request request, long max, ByteArrayOutputStream kept, LongConsumer counted, Consumer<Throwable> failed) {
        this.request = request;
        this.max = max;
        this.kept = kept;
        this.counted = counted;
        this.failed = failed;
    }

    /**
     * Counts {@code request}'s body, then gives {@code counted} its length or {@link LabRequest#TOO_LARGE}.
     *
     * @param kept where the bytes read go, or null to count them only
     */
    static void count(Request request, long max, ByteArrayOutputStream kept, LongConsumer counted, Consumer<Throwable> failed) {
        if (request.getLength() > max) {
            counted.accept(LabRequest.TOO_LARGE);
            return;
        }
        new BodyCounter(request, max, kept, counted, failed).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                failed.accept(chunk.getFailure());
                return;
            }
            bytes += chunk.remaining();
            if (kept != null && bytes <= max) {
                ByteBuffer read = chunk.getByteBuffer().slice();
                byte[] copy = new byte[read.remaining()];
                read.get(copy);
                kept.writeBytes(copy);
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (bytes > max) {
                counted.accept(LabRequest.TOO_LARGE);
                return;
            }
            if (last) {
                counted.accept(bytes);
                return;
            }
        }
    }
}
