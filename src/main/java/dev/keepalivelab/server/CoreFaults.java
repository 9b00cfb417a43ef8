package dev.keepalivelab.server;

import dev.keepalivelab.fault.DripSchedule;
import dev.keepalivelab.lab.LabResponse;
import dev.keepalivelab.fault.Effects;
import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.server.socket.SocketFaults;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a response's fault {@link Effects} through Jetty's core API: delays and drips on the server's scheduler
 * (never a sleep), closes and resets on the connection's socket. What happens to the connection after the response
 * ({@link Effects.End}) is the {@link ExchangeRecorder}'s, once Jetty has finished the exchange.
 */
final class CoreFaults {
    private CoreFaults() {
    }

    /**
     * Answers {@code request} as {@code answer}'s effects say: writes it, its status and headers already set where it is
     * written, or withholds it; {@code body} is null for HEAD.
     */
    static void respond(Request request, Response response, LabResponse answer, ByteBuffer body, Callback callback) {
        Effects effects = answer.faultEffects();
        if (effects.equals(Effects.NONE)) {
            response.write(true, body, callback);
            return;
        }
        Runnable start = switch (effects.start()) {
            case WRITE -> () -> writeBody(request, response, answer, body, callback);
            case DELAY -> () -> schedule(request, answer.fault().duration(), () -> writeBody(request, response, answer, body, callback));
            case CLOSE, RESET -> () -> withhold(request, answer.exchange().connection().protocol(), effects.start(), callback);
            case HOLD -> () -> {
                request.addFailureListener(callback::failed);
                SocketFaults.of(request).closeAtTimeout();
            };
            // The aborted exchange's own reset finds the stream reset already, and sends nothing more.
            case REFUSE_STREAM -> () -> {
                SocketFaults.of(request).refuseStream();
                callback.failed(new Request.Handler.AbortException("fault: stream refused"));
            };
            // Left open until the connection ends, so that no frame of the exchange's follows the GOAWAY.
            case GOAWAY_BELOW -> () -> {
                request.addFailureListener(callback::failed);
                SocketFaults.of(request).goAwayBelow(answer.fault().type().name());
            };
        };
        start.run();
    }

    /**
     * Closes or resets in place of a response. An aborted exchange gets no error response: Jetty finishes it (the
     * {@link ExchangeRecorder} records it, and resets where the fault says so), then closes.
     */
    private static void withhold(Request request, Protocol protocol, Effects.Start start, Callback callback) {
        // On HTTP/2 an aborted stream gets RST_STREAM: the connection under it goes first, without a frame.
        if (protocol.isHttp2()) {
            SocketFaults socket = SocketFaults.of(request);
            if (start == Effects.Start.RESET) {
                socket.reset();
            } else {
                socket.close();
            }
        }
        callback.failed(new Request.Handler.AbortException("fault: no response"));
    }

    private static void writeBody(Request request, Response response, LabResponse answer, ByteBuffer body, Callback callback) {
        Runnable write = switch (answer.faultEffects().body()) {
            case WHOLE -> () -> response.write(true, body, callback);
            case DRIP -> () -> response.write(false, BufferUtil.EMPTY_BUFFER,
                    Callback.from(() -> drip(request, response, body, DripSchedule.of(body == null ? 0 : body.remaining(),
                            answer.fault().duration()), System.nanoTime(), 0, callback), callback::failed));
            case HALF_THEN_CUT -> () -> {
                ByteBuffer half = body == null ? BufferUtil.EMPTY_BUFFER : body.slice(0, body.remaining() / 2);
                response.write(false, half, Callback.from(
                        () -> callback.failed(new Request.Handler.AbortException("fault: truncated")), callback::failed));
            };
        };
        write.run();
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
