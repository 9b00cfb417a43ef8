package dev.keepalivelab.cli;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.SettingSource;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keep-alive race. A client that honours {@code Keep-Alive: timeout=N} (here Jetty's HttpClient with an idle
 * timeout of N) reuses an idle connection for up to N. The server closes it after its own idle timeout, counted from
 * when it wrote the last response, a little before the client read it. When N equals the idle timeout, a request
 * sent at the end of the advertised window arrives as the server closes: the client gets EOF and no response (the
 * classic NoHttpResponseException). Advertising less than the idle timeout, as {@code --keep-alive-timeout auto}
 * does, leaves no such window.
 *
 * <p>Each cycle makes a request, stays idle for a delay swept across a few milliseconds around a boundary, then makes
 * another. Lanes run in parallel, each on its own connection pool (a request tag is a destination of its own).
 */
class KeepAliveRaceTest {
    static final Path SHIPPED_PICTURE = Path.of("src/main/resources/dev/keepalivelab/picture.jpg");
    static final int LANES = Integer.getInteger("race.lanes", 50);
    static final int ROUNDS = Integer.getInteger("race.rounds", 2);
    /** Half the width of the window of idle delays swept around a boundary. */
    static final Duration SWEEP = Duration.ofMillis(15);
    static final Pattern TIMEOUT = Pattern.compile("timeout=(\\d+)");
    /** A guard against a hung lane, far beyond what its cycles take. */
    static final Duration LANE_LIMIT = Duration.ofMinutes(2);

    /** The race is a matter of milliseconds: batches of cycles run until one loses a request, or this many ran. */
    static final int MAX_BATCHES = 10;

    /** What the cycles saw: reused counts second requests served on the first one's connection. */
    record Tally(int cycles, int reused, List<Throwable> failures) {
        static final Tally NONE = new Tally(0, 0, List.of());

        Tally plus(Tally other) {
            List<Throwable> all = new ArrayList<>(failures);
            all.addAll(other.failures);
            return new Tally(cycles + other.cycles, reused + other.reused, all);
        }
    }

    @Test
    void advertisingTheIdleTimeoutItselfLosesRequests() throws Exception {
        Duration idleTimeout = Duration.ofSeconds(1);
        LabSettings settings = LabSettings.from(SettingSource.initParams(Map.of("keepAliveTimeout", "1s")::get));
        try (TestLab lab = TestLab.start(settings, ServerSettings.of("127.0.0.1", 0, idleTimeout).with(Setting.ENGINE, TestLab.ENGINE.value()))) {
            Tally tally = Tally.NONE;
            for (int batch = 0; batch < MAX_BATCHES && tally.failures().isEmpty(); batch++) {
                tally = tally.plus(reuseCycles(lab, i -> around(idleTimeout, i)));
            }
            assertTrue(!tally.failures().isEmpty(), "no request was lost in " + tally.cycles() + " cycles around the idle timeout");
            for (Throwable failure : tally.failures()) {
                assertInstanceOf(IOException.class, rootCause(failure), "a lost connection, not a wrong response");
            }
            System.out.printf("keep-alive race, Keep-Alive: timeout=1 with a 1s idle timeout: %d of %d reuse cycles failed%n",
                    tally.failures().size(), tally.cycles());
        }
    }

    @Test
    void autoAdvertisesLessThanTheIdleTimeoutAndNoReuseFails() throws Exception {
        LaunchConfig config = launch("--host", "127.0.0.1", "--port", "0", "--idle-timeout", "2s", "--keep-alive-timeout", "auto");
        Duration idleTimeout = config.server().idleTimeout();
        Duration advertised = config.lab().keepAliveTimeout().orElseThrow();
        assertTrue(advertised.compareTo(idleTimeout) < 0, "auto advertises " + advertised + " for an idle timeout of " + idleTimeout);
        try (TestLab lab = TestLab.start(config.lab(), config.server())) {
            // Half the cycles straddle the advertised timeout (the client's boundary), half the idle timeout (the server's).
            Tally tally = reuseCycles(lab, i -> around(i % 2 == 0 ? advertised : idleTimeout, i / 2));
            assertEquals(List.of(), tally.failures().stream().map(KeepAliveRaceTest::rootCause).map(Throwable::toString).toList(),
                    "requests lost in " + tally.cycles() + " cycles");
            assertTrue(tally.reused() > 0, "no connection was reused: the cycles proved nothing");
            System.out.printf("keep-alive race, auto (Keep-Alive: timeout=%d with a %ds idle timeout): 0 of %d reuse cycles failed,"
                    + " %d reused%n", advertised.toSeconds(), idleTimeout.toSeconds(), tally.cycles(), tally.reused());
        }
    }

    static LaunchConfig launch(String... args) {
        CommandLineOptions.Outcome outcome = CommandLineOptions.parse(args, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        return assertInstanceOf(CommandLineOptions.Run.class, outcome).config();
    }

    /** The idle delay of sweep step {@code step}: from {@code boundary} minus {@link #SWEEP} to plus it. */
    static Duration around(Duration boundary, int step) {
        int steps = LANES * ROUNDS / 2;
        return boundary.minus(SWEEP).plus(SWEEP.multipliedBy(2).multipliedBy(step % steps).dividedBy(steps));
    }

    /** Runs {@link #LANES} lanes of {@link #ROUNDS} cycles, cycle i idling for {@code delay.apply(i)}. */
    static Tally reuseCycles(TestLab lab, IntFunction<Duration> delay) throws Exception {
        byte[] picture = Files.readAllBytes(SHIPPED_PICTURE);
        String url = "http://127.0.0.1:" + lab.port() + "/test1.jpg";
        HttpClient client = new HttpClient();
        client.start();
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        try {
            client.setIdleTimeout(advertisedTimeout(client.GET(url)).toMillis());
            List<Future<Tally>> results = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                int first = lane * ROUNDS;
                results.add(lanes.submit(() -> lane(client, url, picture, first, delay)));
            }
            int reused = 0;
            List<Throwable> failures = new ArrayList<>();
            for (Future<Tally> result : results) {
                Tally tally = result.get(LANE_LIMIT.toSeconds(), TimeUnit.SECONDS);
                reused += tally.reused();
                failures.addAll(tally.failures());
            }
            return new Tally(LANES * ROUNDS, reused, failures);
        } finally {
            lanes.shutdownNow();
            client.stop();
        }
    }

    static Tally lane(HttpClient client, String url, byte[] picture, int first, IntFunction<Duration> delay) throws Exception {
        Object destination = new Object();
        int reused = 0;
        List<Throwable> failures = new ArrayList<>();
        for (int i = first; i < first + ROUNDS; i++) {
            try {
                ContentResponse before = client.newRequest(url).tag(destination).send();
                Thread.sleep(delay.apply(i).toMillis()); // the idle period under test, not synchronisation
                ContentResponse after = client.newRequest(url).tag(destination).send();
                assertEquals(200, after.getStatus());
                assertArrayEquals(picture, after.getContent());
                if (before.getHeaders().get("X-Connection-Label").equals(after.getHeaders().get("X-Connection-Label"))) {
                    reused++;
                }
            } catch (ExecutionException e) {
                failures.add(e);
            }
        }
        return new Tally(ROUNDS, reused, failures);
    }

    static Duration advertisedTimeout(ContentResponse response) {
        String keepAlive = response.getHeaders().get("Keep-Alive");
        Matcher m = TIMEOUT.matcher(keepAlive == null ? "" : keepAlive);
        assertTrue(m.find(), "no Keep-Alive: timeout in " + Arrays.toString(response.getHeaders().getFieldNamesCollection().toArray()));
        return Duration.ofSeconds(Long.parseLong(m.group(1)));
    }

    static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
