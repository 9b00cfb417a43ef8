package dev.keepalivelab.load;

import dev.keepalivelab.support.JvmResources;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import dev.keepalivelab.text.Durations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A soak: 64 keep-alive connections downloading images back to back, plus a paced stream of short connections
 * ({@code Connection: close}), for {@code -Dsoak.duration} (5s by default; the soak profile runs longer). Every
 * request must succeed with the shipped picture's SHA-256; afterwards the server holds no connection, this JVM's
 * open file descriptors are back to their baseline, and the heap after a full collection has not grown beyond what
 * the lab's bounded history may hold.
 */
class SoakIT {
    static final Duration DURATION = Durations.parse(System.getProperty("soak.duration", "5s"), Duration.ofSeconds(1));
    static final int KEEP_ALIVE_CONNECTIONS = 64;
    /** The short connections' pace: one new connection every this often (so that a long soak cannot exhaust ports). */
    static final Duration SHORT_CONNECTION_PACE = Duration.ofMillis(10);
    /** Heap samples after a full collection, spread over the soak; the first is taken once every structure is warm. */
    static final int HEAP_SAMPLES = 4;
    /**
     * What the heap may grow by from the first sample to the last: the lab's only growing state is its connection
     * registry (at most 10,000 connections) and its request history (historySize, 1,000), a few MiB when full.
     */
    static final long HEAP_ALLOWANCE = 16L << 20;
    static final Path SHIPPED_PICTURE = Path.of("src/main/resources/dev/keepalivelab/picture.jpg");

    /** One client's account: requests made and what went wrong. */
    record Account(long requests, List<String> failures) {
    }

    @Test
    void soakServesEveryRequestWholeAndGivesBackConnectionsDescriptorsAndHeap() throws Exception {
        byte[] expectedDigest = sha256(Files.readAllBytes(SHIPPED_PICTURE));
        try (TestLab lab = TestLab.start(Map.of())) {
            try (RawConnection warmUp = lab.connect()) {
                assertEquals(200, warmUp.get("/test1.jpg").status());
            }
            assertTrue(lab.awaitOpenConnections(0, RawConnection.READ_TIMEOUT));
            long baselineDescriptors = JvmResources.openFileDescriptors();

            long end = System.nanoTime() + DURATION.toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(KEEP_ALIVE_CONNECTIONS + 1);
            List<Future<Account>> accounts = new ArrayList<>();
            for (int i = 0; i < KEEP_ALIVE_CONNECTIONS; i++) {
                String path = "/test" + (1 + i % 7) + ".jpg";
                accounts.add(clients.submit(() -> keepAliveClient(lab, path, expectedDigest, end)));
            }
            accounts.add(clients.submit(() -> shortConnections(lab, expectedDigest, end)));

            List<Long> heap = new ArrayList<>();
            for (int sample = 1; sample <= HEAP_SAMPLES; sample++) {
                Thread.sleep(DURATION.dividedBy(HEAP_SAMPLES + 1).toMillis()); // spacing the samples, not synchronisation
                heap.add(JvmResources.usedHeapAfterGc());
            }
            long requests = 0;
            List<String> failures = new ArrayList<>();
            for (Future<Account> account : accounts) {
                Account a = account.get(DURATION.plus(RawConnection.READ_TIMEOUT).toSeconds(), TimeUnit.SECONDS);
                requests += a.requests();
                failures.addAll(a.failures());
            }
            clients.shutdown();

            assertEquals(List.of(), failures.stream().limit(10).toList(), failures.size() + " of " + requests + " requests failed");
            assertTrue(lab.awaitOpenConnections(0, RawConnection.READ_TIMEOUT), "the server still holds connections");
            assertTrue(JvmResources.awaitOpenFileDescriptorsAtMost(baselineDescriptors, RawConnection.READ_TIMEOUT),
                    "open file descriptors: " + JvmResources.openFileDescriptors() + ", baseline " + baselineDescriptors);
            long growth = heap.get(heap.size() - 1) - heap.get(0);
            assertTrue(growth <= HEAP_ALLOWANCE, "heap after GC grew by " + (growth >> 10) + " KiB over the soak: " + heap);
            System.out.printf("soak: %d requests in %ds over %d keep-alive connections and a stream of short ones, 0 failed;"
                            + " descriptors back to %d, heap after GC %s MiB%n", requests, DURATION.toSeconds(),
                    KEEP_ALIVE_CONNECTIONS, baselineDescriptors, heap.stream().map(b -> Long.toString(b >> 20)).toList());
        }
    }

    /** Downloads {@code path} over one kept-alive connection until {@code end}. */
    static Account keepAliveClient(TestLab lab, String path, byte[] expectedDigest, long end) {
        long requests = 0;
        List<String> failures = new ArrayList<>();
        try (RawConnection connection = lab.connect()) {
            String label = null;
            while (System.nanoTime() < end) {
                requests++;
                RawResponse response = connection.get(path);
                check(response, expectedDigest).ifPresent(failures::add);
                String thisLabel = response.header("X-Connection-Label").orElse("?");
                if (label != null && !label.equals(thisLabel)) {
                    failures.add(path + " moved from connection " + label + " to " + thisLabel);
                }
                label = thisLabel;
            }
        } catch (IOException e) {
            failures.add(path + ": " + e);
        }
        return new Account(requests, failures);
    }

    /** One request per new connection, closed by the client's Connection: close, paced until {@code end}. */
    static Account shortConnections(TestLab lab, byte[] expectedDigest, long end) throws InterruptedException {
        long requests = 0;
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < end) {
            requests++;
            try (RawConnection connection = lab.connect()) {
                check(connection.get("/test11" + (1 + requests % 6) + ".jpg", "Connection: close"), expectedDigest).ifPresent(failures::add);
                if (!connection.awaitServerClose(RawConnection.READ_TIMEOUT)) {
                    failures.add("a Connection: close request left its connection open");
                }
            } catch (IOException e) {
                failures.add("short connection: " + e);
            }
            Thread.sleep(SHORT_CONNECTION_PACE.toMillis()); // pacing, not synchronisation
        }
        return new Account(requests, failures);
    }

    static Optional<String> check(RawResponse response, byte[] expectedDigest) {
        if (response.status() != 200) {
            return Optional.of("status " + response);
        }
        if (!Arrays.equals(expectedDigest, sha256(response.body()))) {
            return Optional.of("a body of " + response.body().length + " bytes that is not the picture");
        }
        return Optional.empty();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
