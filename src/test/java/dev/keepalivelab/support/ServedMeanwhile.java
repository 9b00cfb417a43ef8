package dev.keepalivelab.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A normal client that asks for the picture again and again on a thread of its own while a test abuses the server. */
public final class ServedMeanwhile {
    /** One request of the normal client: the body of a 200 response, or a failure. */
    @FunctionalInterface
    public interface PictureRequest {
        byte[] picture() throws Exception;
    }

    /** What the normal client saw: requests made and what went wrong. */
    public record Served(int requests, List<String> failures) {
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger served = new AtomicInteger();
    private final CompletableFuture<Served> result;

    private ServedMeanwhile(PictureRequest request, byte[] picture) {
        result = CompletableFuture.supplyAsync(() -> {
            int requests = 0;
            List<String> failures = new ArrayList<>();
            while (running.get()) {
                requests++;
                try {
                    byte[] body = request.picture();
                    if (!Arrays.equals(picture, body)) {
                        failures.add("a body of " + body.length + " bytes that is not the picture");
                    } else {
                        served.incrementAndGet();
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(e.toString());
                }
            }
            return new Served(requests, failures);
        });
    }

    public static ServedMeanwhile start(PictureRequest request) throws IOException {
        return new ServedMeanwhile(request, LabWar.picture());
    }

    /** How many pictures have been served whole so far. */
    public int served() {
        return served.get();
    }

    /** Waits until at least {@code count} pictures have been served whole; false if not within {@code max}. */
    public boolean awaitServed(int count, Duration max) throws InterruptedException {
        return Await.poll(max, served::get, n -> n >= count || result.isDone()).value() >= count;
    }

    /** Stops the client after its request in progress; what it saw. */
    public Served stop() throws Exception {
        running.set(false);
        return result.get(RawConnection.READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
