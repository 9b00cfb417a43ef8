package dev.keepalivelab.server;

import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.H2Client;
import dev.keepalivelab.support.LabJar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.StalledClient;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to {@code java -jar keepalive-lab.jar} while 64 connections download images back to back: every response
 * that started arrives whole, and a request that arrived during the stop on a kept connection is answered whole too,
 * with {@code Connection: close} (never 503), idle connections are closed at once, and the process exits 0 within the
 * stop timeout. A client that stopped reading does not hold the stop: its response is cut after
 * {@link LabServer#SHUTDOWN_IDLE_TIMEOUT}, else the stop would time out and exit 1. Over h2c, the stop sends GOAWAY on
 * an open session and the stream in flight still finishes whole; Node's {@code http2} client, ten streams at once on
 * each of eight sessions, gets no 503.
 */
class GracefulShutdownIT {
    static final int DOWNLOADERS = 64;
    static final int IDLE_CONNECTIONS = 8;
    /** Downloads each connection completes before the signal, so that all of them are mid-stream when it comes. */
    static final int DOWNLOADS_BEFORE_SIGNAL = 2;
    /** The JVM's own exit after the server stopped: loading nothing, it takes well under this. */
    static final Duration JVM_EXIT = Duration.ofSeconds(2);
    /** The Node script that keeps streams in flight until GOAWAY, and its load. */
    static final Path NODE_STREAMS = Path.of("src/test/resources/dev/keepalivelab/server/streams-until-stop.js");
    static final int NODE_SESSIONS = 8;
    static final int NODE_STREAMS_AT_ONCE = 10;
    static final String PICTURE_SHA256 = sha256(read(Path.of("src/main/resources/dev/keepalivelab/picture.jpg")));

    /** How one downloading connection ended: its last response may have come during the stop, with Connection: close. */
    record Downloads(int complete, int truncated, List<String> problems) {
    }

    @Test
    void sigtermUnderLoadFinishesEveryResponseClosesIdleConnectionsAndExitsZero() throws Exception {
        try (LabJar lab = LabJar.start()) {
            List<RawConnection> idle = new ArrayList<>();
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                RawConnection connection = lab.connect();
                assertEquals(200, connection.get("/").status());
                idle.add(connection);
            }
            Socket stalled = StalledClient.open(lab.port());
            CountDownLatch downloading = new CountDownLatch(DOWNLOADERS);
            ExecutorService pool = Executors.newFixedThreadPool(DOWNLOADERS);
            List<Future<Downloads>> downloads = new ArrayList<>();
            for (int i = 0; i < DOWNLOADERS; i++) {
                String path = "/test" + (1 + i % 7) + ".jpg";
                downloads.add(pool.submit(() -> download(lab, path, downloading)));
            }
            assertTrue(downloading.await(RawConnection.READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "downloads did not get going");

            long signalled = System.nanoTime();
            lab.process().destroy(); // SIGTERM
            for (RawConnection connection : idle) {
                assertTrue(connection.awaitServerClose(LabServer.STOP_TIMEOUT), "an idle connection was left open");
            }
            Duration idleClosed = Duration.ofNanos(System.nanoTime() - signalled);
            Duration exitBound = LabServer.STOP_TIMEOUT.plus(JVM_EXIT);
            assertTrue(lab.process().waitFor(exitBound.toMillis(), TimeUnit.MILLISECONDS), "no exit within " + exitBound);
            Duration exited = Duration.ofNanos(System.nanoTime() - signalled);
            assertEquals(0, lab.process().exitValue(), "exit code after SIGTERM");

            int complete = 0;
            List<String> problems = new ArrayList<>();
            for (Future<Downloads> future : downloads) {
                Downloads result = future.get(RawConnection.READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                complete += result.complete();
                problems.addAll(result.problems());
            }
            pool.shutdown();
            stalled.close();
            assertEquals(List.of(), problems, "truncated, refused (503) or wrong responses");
            System.out.printf("graceful shutdown: %d images downloaded whole over %d connections, none answered 503, 0 truncated;"
                            + " idle connections closed %d ms and exit 0 %d ms after SIGTERM%n",
                    complete, DOWNLOADERS, idleClosed.toMillis(), exited.toMillis());
        }
    }

    /**
     * SIGTERM while an h2c session has a response in flight, held by the client's 4 KB stream window. The stop goes
     * away in the lab's two steps (RFC 9113, 6.8): GOAWAY(NO_ERROR, last stream 2^31-1, "shutdown") at once, so that the
     * client opens no more streams, and a PING; at its ACK a second GOAWAY(NO_ERROR, "shutdown") names the stream in
     * flight as the last; the client reads that response whole; the server closes the session and the process exits 0.
     */
    @Test
    void sigtermSendsGoAwayOnAnH2SessionAndFinishesTheStreamInFlight() throws Exception {
        try (LabJar lab = LabJar.start(); H2Client h2c = H2Client.priorKnowledge(lab.port())) {
            assertEquals(200, h2c.get("/test1.jpg").status(), "the session serves before the stop");
            H2Client.Held held = h2c.hold("/test2.jpg");
            int inFlight = held.awaitStarted();

            long signalled = System.nanoTime();
            lab.process().destroy(); // SIGTERM
            GoAwayFrame goAway = h2c.awaitGoAway();
            Duration goneAway = Duration.ofNanos(System.nanoTime() - signalled);
            assertEquals(ErrorCode.NO_ERROR.code, goAway.getError(), "GOAWAY's error");
            assertEquals(Integer.MAX_VALUE, goAway.getLastStreamId(), "the first GOAWAY of a graceful stop names no last stream yet");
            assertEquals("shutdown", new String(goAway.getPayload(), StandardCharsets.UTF_8));
            H2Client.Response response = held.read();
            assertEquals(200, response.status());
            assertEquals(PICTURE_SHA256, sha256(response.body()), "the response in flight at the GOAWAY, read after it");
            h2c.awaitClose();
            Duration closed = Duration.ofNanos(System.nanoTime() - signalled);
            List<GoAwayFrame> goAways = h2c.goAways();
            assertEquals(2, goAways.size(), "GOAWAY frames: " + goAways);
            GoAwayFrame last = goAways.get(1);
            assertEquals(ErrorCode.NO_ERROR.code, last.getError());
            assertEquals(inFlight, last.getLastStreamId(), "the second GOAWAY names the stream that was in flight as the last");
            assertEquals("shutdown", new String(last.getPayload(), StandardCharsets.UTF_8));
            Duration exitBound = LabServer.STOP_TIMEOUT.plus(JVM_EXIT);
            assertTrue(lab.process().waitFor(exitBound.toMillis(), TimeUnit.MILLISECONDS), "no exit within " + exitBound);
            assertEquals(0, lab.process().exitValue(), "exit code after SIGTERM");
            System.out.printf("graceful shutdown over h2c: GOAWAY(NO_ERROR, 2^31-1, shutdown) and a PING %d ms after SIGTERM,"
                            + " GOAWAY(NO_ERROR, %d, shutdown) at its ACK, the stream in flight read whole (%d bytes), session closed %d ms"
                            + " and exit 0 %d ms after SIGTERM%n", goneAway.toMillis(), last.getLastStreamId(), response.body().length, closed.toMillis(),
                    Duration.ofNanos(System.nanoTime() - signalled).toMillis());
        }
    }

    /**
     * Node's {@code http2} client keeps ten streams in flight on each of eight h2c sessions (a new stream as each ends,
     * until its session receives GOAWAY) when SIGTERM comes. Streams that reach the lab after the stop began were sent
     * before the client could see its GOAWAY: each is answered 200, none 503 (Jetty's {@code GracefulHandler} answered
     * them 503, 6 to 14 a run), or, sent after the stop's last GOAWAY was already on its way, refused unprocessed, which
     * RFC 9113, 6.8 lets the client retry on a new connection; and the process exits 0.
     */
    @Test
    void sigtermWhileNodeRunsTenStreamsOnEachOfEightSessionsAnswersNoStream503() throws Exception {
        Path node = ExternalTool.require("node", "nodejs");
        try (LabJar lab = LabJar.start()) {
            Process client = new ProcessBuilder(node.toString(), NODE_STREAMS.toString(), "http://127.0.0.1:" + lab.port(),
                    String.valueOf(NODE_SESSIONS), String.valueOf(NODE_STREAMS_AT_ONCE)).redirectErrorStream(true).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> streaming = CompletableFuture.supplyAsync(() -> readLine(out));
            try {
                assertEquals("streaming", streaming.get(RawConnection.READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                        "every session has its answers flowing before the signal");
            } finally {
                if (!streaming.isDone()) {
                    client.destroyForcibly();
                }
            }
            lab.process().destroy(); // SIGTERM
            List<String> tally = out.lines().toList();
            assertTrue(client.waitFor(RawConnection.READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "node finished");
            Duration exitBound = LabServer.STOP_TIMEOUT.plus(JVM_EXIT);
            assertTrue(lab.process().waitFor(exitBound.toMillis(), TimeUnit.MILLISECONDS), "no exit within " + exitBound);
            assertEquals(0, lab.process().exitValue(), "exit code after SIGTERM");
            List<String> unexpected = tally.stream().filter(line -> !line.startsWith("sent ") && !line.startsWith("status 200 ")
                    && !line.startsWith("error NGHTTP2_REFUSED_STREAM ")).toList();
            assertEquals(List.of(), unexpected, "streams answered other than 200, or failed other than refused: " + tally);
            assertTrue(tally.stream().anyMatch(line -> line.startsWith("status 200 ")), "streams answered: " + tally);
            System.out.println("graceful shutdown, Node http2 over h2c, " + NODE_SESSIONS + " sessions x " + NODE_STREAMS_AT_ONCE
                    + " streams at once: " + String.join(", ", tally));
        }
    }

    /** Downloads {@code path} over one connection until the server ends it, checking every body. */
    static Downloads download(LabJar lab, String path, CountDownLatch downloading) {
        int complete = 0;
        List<String> problems = new ArrayList<>();
        try (RawConnection connection = lab.connect()) {
            while (true) {
                try {
                    connection.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                } catch (java.io.IOException closed) {
                    break; // the server closed the connection before this request: nothing was started
                }
                Optional<RawResponse> next = connection.readResponseUnlessClosed(false);
                if (next.isEmpty()) {
                    break;
                }
                RawResponse response = next.get();
                if (response.status() == 200 && sha256(response.body()).equals(PICTURE_SHA256)) {
                    if (++complete == DOWNLOADS_BEFORE_SIGNAL) {
                        downloading.countDown();
                    }
                } else {
                    problems.add(path + ": " + response + " with " + response.body().length + " body bytes");
                }
                if (response.header("Connection").filter("close"::equals).isPresent()) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            problems.add(path + ": " + e);
        }
        return new Downloads(complete, problems.size(), problems);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String readLine(java.io.BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A response that cannot finish within the stop timeout (a 20 s drip) is cut: exit 1, and a line that says so. */
    @Test
    void sigtermWithAResponseThatCannotFinishInTimeExitsOneSayingItWasCut(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        try (LabJar lab = LabJar.startWithStderrTo(stderr)) {
            RawConnection dripping = lab.connect();
            dripping.send("GET /test1.jpg?fault=drip=20s HTTP/1.1\r\nHost: lab\r\n\r\n");
            assertTrue(dripping.readHead().startsWith("HTTP/1.1 200"), "the drip's headers come at once");
            lab.process().destroy();
            Duration exitBound = LabServer.STOP_TIMEOUT.plus(JVM_EXIT);
            assertTrue(lab.process().waitFor(exitBound.toMillis(), TimeUnit.MILLISECONDS), "no exit within " + exitBound);
            assertEquals(1, lab.process().exitValue(), "exit code after a stop that was not graceful");
            assertEquals(List.of("keepalive-lab: stopped, but not gracefully: what was still in flight after "
                    + LabServer.STOP_TIMEOUT.toSeconds() + "s was cut."), Files.readAllLines(stderr));
        }
    }
}
