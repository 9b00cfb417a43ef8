package dev.keepalivelab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keepalivelab.lab.ResponseBody;
import dev.keepalivelab.lab.page.DemoPage;
import dev.keepalivelab.lab.page.LabContent;
import dev.keepalivelab.lab.page.PageLanguage;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.support.StaticNginx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static dev.keepalivelab.bench.BenchCommandTest.JSON;
import static dev.keepalivelab.bench.BenchCommandTest.REQUESTS_PER_PAGE_LOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nginx 1.22 with {@code keepalive_requests 5} over HTTP/2 sends one GOAWAY naming the fifth stream and refuses the
 * streams the client opened above it: the bench sends those again on a new connection, as a browser does, and counts
 * them. Every page load completes, the connections the bench counts are the ones nginx logged requests on, and the
 * bench closes the connection nginx did not end (the last of each page load) itself: nginx does not answer a client's
 * GOAWAY, so a client that waits for its reply before it closes keeps the connection until an idle timeout.
 */
class BenchAgainstNginxIT {
    static final int ROUNDS = 4;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** nginx serving the lab's page, as the lab renders it for a first load, beside the lab's images; one per test, so that its log is the test's. */
    static StaticNginx startNginx() throws Exception {
        byte[] page = new ResponseBody.Spliced(new DemoPage(LabSettings.defaults(), LabContent.IMAGE_NAMES)
                .segments(Optional.empty(), PageLanguage.ENGLISH, false), DemoPage.loadId(1)).toByteArray();
        return StaticNginx.start(Map.of("index.html", page), List.of("keepalive_requests " + BenchConnectionEndingsTest.MAX_REQUESTS + ";"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tls", "cleartext"})
    void refusedStreamsAreSentAgainOnANewConnection(String transport) throws Exception {
        boolean tls = transport.equals("tls");
        try (StaticNginx nginx = startNginx()) {
            StaticNginx.Ports ports = nginx.ports(0);
            List<String> args = new ArrayList<>(List.of("--json", "--rounds", Integer.toString(ROUNDS), "--warmup", "0", "--modes", "h2"));
            if (tls) {
                args.add("--insecure");
            }
            args.add((tls ? "https" : "http") + "://127.0.0.1:" + (tls ? ports.tls() : ports.h2c()) + "/");
            assertEquals(BenchCommand.EXIT_OK, BenchCommand.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true)),
                    () -> "stderr: " + err + "\nstdout: " + out);
            JsonNode result = JSON.readTree(out.toString()).get("modes").get("h2");
            assertEquals(ROUNDS, result.get("pageLoads").asInt(), result.toString());
            assertEquals(0, result.get("failedLoads").asInt(), result.toString());
            assertEquals(ROUNDS * REQUESTS_PER_PAGE_LOAD, result.get("requests").asInt(), result.toString());
            assertTrue(result.get("retries").asInt() > 0, "nginx refused the streams above its GOAWAY's last stream id: " + result);
            assertEquals(0, result.get("closeWaitsTimedOut").asInt(), "every page load's connections closed before the next: " + result);
            assertEquals(result.get("connections").asLong(), nginx.connectionsOf(StaticNginx.UNTAGGED, ROUNDS * REQUESTS_PER_PAGE_LOAD),
                    "the connections nginx logged requests on: " + result);
        }
    }

    /**
     * nginx refuses some fifteen streams of the page load at once: a browser sends each again as its refusal arrives,
     * so the retries overlap on the wire. Read from the bench's own trace (its order, not its durations): some retry
     * is sent before an earlier one has its last byte.
     */
    @Test
    void refusedStreamsAreSentAgainTogether() throws Exception {
        try (StaticNginx nginx = startNginx();
             PageLoader loader = new PageLoader(URI.create("http://127.0.0.1:" + nginx.ports(0).h2c() + "/"), ClientMode.H2, 1,
                     Optional.empty(), Duration.ZERO, Optional.empty())) {
            PageLoad load = assertInstanceOf(PageLoad.class, loader.load(0));
            List<PageTrace.Bar> retries = retries(load.trace());
            assertTrue(retries.size() > 1, "nginx refused the streams above its GOAWAY's last stream id: " + load.trace());
            assertTrue(mostInFlight(retries) > 1, "the retries went out one after another: " + retries);
        }
    }

    /** Every attempt at a path after its first, in the order they were sent. */
    static List<PageTrace.Bar> retries(PageTrace trace) {
        Set<String> seen = new HashSet<>();
        return trace.lanes().stream().flatMap(lane -> lane.requests().stream())
                .sorted(Comparator.comparingDouble(PageTrace.Bar::sentMillis))
                .filter(bar -> !seen.add(bar.path()))
                .toList();
    }

    /** How many of {@code bars}, sorted by when they were sent, were sent and not yet ended at one moment. */
    static int mostInFlight(List<PageTrace.Bar> bars) {
        int most = 0;
        for (PageTrace.Bar bar : bars) {
            int inFlight = (int) bars.stream().filter(other -> other.sentMillis() <= bar.sentMillis() && other.lastByteMillis() > bar.sentMillis()).count();
            most = Math.max(most, inFlight);
        }
        return most;
    }
}
