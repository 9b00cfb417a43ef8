package dev.keepalivelab.servlet;

import dev.keepalivelab.fault.DripSchedule;
import dev.keepalivelab.lab.LabRequestAttributes;
import dev.keepalivelab.lab.LabResponse;
import dev.keepalivelab.lab.SocketControl;
import dev.keepalivelab.fault.Effects;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a response's fault {@link Effects} through the Servlet API: delays and drips as asynchronous requests that one timer
 * thread resumes (the container's threads write; no thread waits); closes, resets and held requests through the
 * server's {@link SocketControl}, which only the embedded main offers (the lab refuses those faults elsewhere).
 */
final class ServletFaults implements AutoCloseable {
    /** What writes the response's bytes once the fault lets it, and tells the lab what became of it. */
    interface BodyWriter {
        void write(HttpServletResponse response, int from, int to) throws IOException;
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "keepalive-lab-fault-timer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Answers {@code request} as {@code answer}'s effects say: writes it, its status and headers already set where it is
     * written, or withholds it; {@code length} is the body's length on the wire (0 for HEAD). What happens to the
     * connection after a written response ({@link Effects.End}) is the server's, which alone controls sockets.
     */
    void respond(HttpServletRequest request, HttpServletResponse response, LabResponse answer, int length, BodyWriter body,
                 Runnable clientGone) throws IOException {
        Duration duration = answer.fault() == null ? Duration.ZERO : answer.fault().duration();
        IoStep start = switch (answer.faultEffects().start()) {
            case WRITE -> () -> writeBody(request, response, answer, length, body, clientGone);
            case DELAY -> () -> later(duration, started(request, clientGone),
                    () -> writeBody(request, response, answer, length, body, clientGone), true);
            case CLOSE -> () -> socketControl(request).close();
            case RESET -> () -> socketControl(request).reset();
            case HOLD -> () -> {
                holdUntilTheConnectionEnds(request);
                socketControl(request).closeAtTimeout();
            };
            case REFUSE_STREAM -> () -> socketControl(request).refuseStream();
            case GOAWAY_BELOW -> () -> {
                holdUntilTheConnectionEnds(request);
                socketControl(request).goAwayBelow(answer.fault().type().name());
            };
        };
        start.run();
    }

    /** Leaves the request unanswered until its connection ends (the server's timeout, or the client's close). */
    private static void holdUntilTheConnectionEnds(HttpServletRequest request) {
        AsyncContext held = request.startAsync();
        held.setTimeout(0);
        held.addListener(new CompleteOnError(() -> {
        }));
    }

    private void writeBody(HttpServletRequest request, HttpServletResponse response, LabResponse answer, int length,
                           BodyWriter body, Runnable clientGone) throws IOException {
        IoStep write = switch (answer.faultEffects().body()) {
            case WHOLE -> () -> body.write(response, 0, length);
            case DRIP -> () -> {
                AsyncContext async = started(request, clientGone);
                response.flushBuffer();
                drip(async, response, body, DripSchedule.of(length, answer.fault().duration()), System.nanoTime(), 0);
            };
            case HALF_THEN_CUT -> () -> {
                body.write(response, 0, length / 2);
                response.flushBuffer();
                socketControl(request).close();
            };
        };
        write.run();
    }

    private void drip(AsyncContext async, HttpServletResponse response, BodyWriter body, DripSchedule schedule, long startNanos,
                      int i) {
        boolean last = i == schedule.pieces() - 1;
        Duration dueIn = Duration.ofNanos(Math.max(0, startNanos + schedule.due(i).toNanos() - System.nanoTime()));
        later(dueIn, async, () -> {
            body.write(response, schedule.start(i), schedule.start(i + 1));
            if (!last) {
                response.flushBuffer();
                drip(async, response, body, schedule, startNanos, i + 1);
            }
        }, last);
    }

    /** Runs {@code step} on a container thread after {@code delay}; completes the request after it, or when it fails. */
    private void later(Duration delay, AsyncContext async, IoStep step, boolean completes) {
        timer.schedule(() -> {
            try {
                async.start(() -> {
                    boolean done = completes;
                    try {
                        step.run();
                    } catch (IOException | RuntimeException clientGone) {
                        done = true;
                    } finally {
                        if (done) {
                            complete(async);
                        }
                    }
                });
            } catch (IllegalStateException over) {
                // The container ended the request meanwhile (the client left); its listener has said so.
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private interface IoStep {
        void run() throws IOException;
    }

    /**
     * Ends a held, delayed or dripping request once its connection has failed, so that the server finishes the exchange,
     * after telling the lab (where the server does not).
     */
    private static final class CompleteOnError implements AsyncListener {
        private final Runnable clientGone;

        CompleteOnError(Runnable clientGone) {
            this.clientGone = clientGone;
        }

        @Override
        public void onError(AsyncEvent event) {
            clientGone.run();
            complete(event.getAsyncContext());
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException alreadyOver) {
            // The container ended the request first (the client left, or a timeout).
        }
    }

    /** No async timeout of the container's own cuts a fault short; the server's idle timeout still applies. */
    private static AsyncContext started(HttpServletRequest request, Runnable clientGone) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(new CompleteOnError(clientGone));
        return async;
    }

    private static SocketControl socketControl(HttpServletRequest request) {
        if (request.getAttribute(LabRequestAttributes.SOCKET_CONTROL) instanceof SocketControl control) {
            return control;
        }
        throw new IllegalStateException("The server offers no socket control, which the lab checks before it plans such a fault");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
