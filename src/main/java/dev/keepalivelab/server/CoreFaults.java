package dev.keepalivelab.server;

import dev.keepalivelab.lab.DripSchedule;
import dev.keepalivelab.lab.FaultEffect;
import dev.keepalivelab.lab.LabResponse;
import dev.keepalivelab.server.socket.SocketFaults;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a response's fault through Jetty's core API: delays and drips on the server's scheduler (never a sleep),
 * closes and resets on the connection's socket. What happens after a whole response ({@link FaultEffect#CLOSE_AFTER},
 * {@link FaultEffect#RESET_AFTER}) is the {@link ExchangeRecorder}'s, once Jetty has finished the exchange.
 */
final class CoreFaults {
    private CoreFaults() {
    }

    /**
     * Answers {@code request} without a response, as {@code effect} says. An aborted exchange gets no error response:
     * Jetty finishes it (the {@link ExchangeRecorder} records it, and resets where the fault says so), then closes.
     */
    static void withhold(Request request, FaultEffect effect, Callback callback) {
        switch (effect) {
            case CLOSE_INSTEAD, RESET_INSTEAD -> {
                // On HTTP/2 an aborted stream gets RST_STREAM: the connection under it goes first, without a frame.
                if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2) {
                    SocketFaults socket = SocketFaults.of(request);
                    if (effect == FaultEffect.RESET_INSTEAD) {
                        socket.reset();
                    } else {
                        socket.close();
                    }
                }
                callback.failed(new Request.Handler.AbortException("fault: no response"));
            }
            case NO_RESPONSE -> {
                request.addFailureListener(callback::failed);
                SocketFaults.of(request).closeAtTimeout();
            }
            default -> throw new IllegalArgumentException(effect + " answers");
        }
    }

    /** Writes {@code answer}, its status and headers already set, with its fault; {@code body} is null for HEAD. */
    static void write(Request request, Response response, LabResponse answer, ByteBuffer body, Callback callback) {
        switch (answer.faultEffect()) {
            case DELAY -> schedule(request, answer.fault().duration(), () -> response.write(true, body, callback));
            case DRIP -> response.write(false, BufferUtil.EMPTY_BUFFER,
                    Callback.from(() -> drip(request, response, body, DripSchedule.of(body == null ? 0 : body.remaining(),
                            answer.fault().duration()), System.nanoTime(), 0, callback), callback::failed));
            case TRUNCATE -> {
                ByteBuffer half = body == null ? BufferUtil.EMPTY_BUFFER : body.slice(0, body.remaining() / 2);
                response.write(false, half, Callback.from(
                        () -> callback.failed(new Request.Handler.AbortException("fault: truncated")), callback::failed));
            }
            case NONE, CLOSE_AFTER, RESET_AFTER -> response.write(true, body, callback);
            default -> throw new IllegalArgumentException(answer.faultEffect() + " does not answer");
        }
    }

    /** Writes piece {@code i} when it is due, counted from {@code startNanos}, then the next. */
    private static void drip(Request request, Response response, ByteBuffer body, DripSchedule schedule, long startNanos,
                             int i, Callback callback) {
        long dueIn = startNanos + schedule.due(i).toNanos() - System.nanoTime();
        schedule(request, Duration.ofNanos(Math.max(0, dueIn)), () -> {
            boolean last = i == schedule.pieces() - 1;
            ByteBuffer piece = body == null ? BufferUtil.EMPTY_BUFFER : body.slice(schedule.start(i), schedule.start(i + 1) - schedule.start(i));
            response.write(last, piece, last ? callback
                    : Callback.from(() -> drip(request, response, body, schedule, startNanos, i + 1, callback), callback::failed));
        });
    }

    /** Writes run on the thread pool, not on the scheduler's one thread, which also expires every idle connection. */
    private static void schedule(Request request, Duration delay, Runnable write) {
        Executor executor = request.getComponents().getExecutor();
        request.getComponents().getScheduler().schedule(() -> executor.execute(write), delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
