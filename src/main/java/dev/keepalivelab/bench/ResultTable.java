package dev.keepalivelab.bench;


import dev.keepalivelab.text.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The bench's results as a table for people. */
final class ResultTable {
    private static final String GAP = "  ";

    private ResultTable() {
    }

    static String render(BenchResult result) {
        String newline = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append("keepalive-lab bench: ").append(result.url()).append(result.inProcessLab() ? " (the lab, in-process)" : "").append(newline);
        text.append(String.format(Locale.ROOT, "%s per client mode, %s, at most %s at once, %s%n%n",
                count(result.rounds(), "page load", "page loads"), pageDescription(result),
                count(result.parallel(), "connection", "connections"),
                result.rtt().isZero() ? "no emulated RTT" : "emulated RTT " + Durations.format(result.rtt())));
        boolean model = !result.rtt().isZero();
        boolean tls = result.modes().stream().anyMatch(mode -> mode.tls().isPresent());
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("client mode", "protocol", "p50", "p90", "p99"));
        if (model) {
            header.add("model");
        }
        header.addAll(List.of("connections per page load", "requests per connection"));
        if (tls) {
            header.add("TLS full / resumed per page load");
        }
        boolean endings = result.modes().stream().anyMatch(mode -> mode.retries() > 0 || mode.failedLoads() > 0);
        if (endings) {
            header.addAll(List.of("retries", "failed loads"));
        }
        rows.add(header);
        for (ModeResult mode : result.modes()) {
            Percentiles millis = mode.pageLoadMillis();
            List<String> row = new ArrayList<>(List.of(mode.mode().label(), mode.protocol() + mode.tls().map(v -> " " + v).orElse(""),
                    ms(millis.p50()), ms(millis.p90()), ms(millis.p99())));
            if (model) {
                row.add(ms(result.modelMillis(mode).orElseThrow()));
            }
            row.addAll(List.of(number(mode.connectionsPerPageLoad()), number(mode.requestsPerConnection())));
            if (tls) {
                row.add(mode.tls().isEmpty() ? "" : number(mode.tlsHandshakesPerPageLoad()) + " / " + number(mode.tlsResumptionsPerPageLoad()));
            }
            if (endings) {
                row.addAll(List.of(Long.toString(mode.retries()), Integer.toString(mode.failedLoads())));
            }
            rows.add(row);
        }
        OptionalDouble speedup = result.speedup(Percentiles::p50);
        if (speedup.isPresent()) {
            rows.add(List.of("speedup", "", times(speedup.getAsDouble()), times(result.speedup(Percentiles::p90).getAsDouble()),
                    times(result.speedup(Percentiles::p99).getAsDouble())));
        }
        text.append(columns(rows));
        text.append(newline).append(result.withoutImages()
                ? "Page-load times run from the page request to its last byte." + newline + "The page has no images to load, so every"
                        + " mode makes one request on one connection: the modes cannot differ, and there is no speedup."
                : "Page-load times run from the page request to the last image's last byte"
                        + (speedup.isPresent() ? "; speedup is close's time over keep-alive's." : "."));
        text.append(newline).append(String.format(Locale.ROOT, "The bench's own work inside a page load, parsing the page for its images:"
                + " %.2f ms on average.", result.modes().stream().filter(mode -> mode.pageLoads() > 0).mapToDouble(ModeResult::meanParseMillis).average().orElse(0)));
        if (model) {
            DelayProxy.Lateness late = result.proxyLateness().orElseThrow();
            text.append(newline).append(String.format(Locale.ROOT, "model: what the round-trip model predicts (docs/bench.md); the RTT proxy"
                    + " delivered its %d chunks %.2f ms late on average (at most %.1f ms).", late.chunks(), late.meanMillis(), late.maxMillis()));
        }
        if (endings) {
            text.append(newline).append("retries: requests sent again on a new connection, as a browser does (a stream the server"
                    + " refused or lost to its close; a GET whose kept connection closed before any response byte); times and counts are of"
                    + " the page loads that completed.");
        }
        for (ModeResult mode : result.modes()) {
            mode.firstFailure().ifPresent(failure -> text.append(newline).append(String.format(Locale.ROOT,
                    "%s: %d of %d page loads failed; the first: %s", mode.mode().label(), mode.failedLoads(),
                    mode.failedLoads() + mode.pageLoads(), failure)));
        }
        for (String note : result.notMeasured()) {
            text.append(newline).append("Not measured: ").append(note).append('.');
        }
        return text.toString();
    }

    /** Left-aligns the first two columns and right-aligns the others, two spaces apart. */
    private static String columns(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : GAP).append(i < 2 ? cell + pad : pad + cell);
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String pageDescription(BenchResult result) {
        double images = result.images();
        String loaded = images == 0 ? "each the page and no images"
                : images == 1 ? "each the page and its 1 image"
                : "each the page and its " + (images == Math.rint(images) ? Long.toString((long) images) : number(images)) + " images";
        List<String> notLoaded = new ArrayList<>();
        if (result.skippedImages() > 0) {
            notLoaded.add(result.skippedImages() == 1 ? "1 more image on another host, not loaded"
                    : result.skippedImages() + " more images on other hosts, not loaded");
        }
        if (result.inlineImages() > 0) {
            notLoaded.add(result.inlineImages() == 1 ? "1 inline data: image, which needs no request"
                    : result.inlineImages() + " inline data: images, which need no request");
        }
        return notLoaded.isEmpty() ? loaded : loaded + " (" + String.join("; ", notLoaded) + ")";
    }

    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String times(double factor) {
        return String.format(Locale.ROOT, "%.2fx", factor);
    }
}
