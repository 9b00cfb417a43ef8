package dev.keepalivelab.bench;

import dev.keepalivelab.settings.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's results as a table for people. */
final class ResultTable {
    private static final String ROW = "%-12s %11s %11s %11s %27s %25s%n";

    private ResultTable() {
    }

    static String render(BenchResult result) {
        StringBuilder text = new StringBuilder();
        text.append("keepalive-lab bench: ").append(result.url()).append(result.inProcessLab() ? " (the lab, in-process)" : "")
                .append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "%s per client mode, %s, at most %s at once, %s%n%n",
                count(result.rounds(), "page load", "page loads"), pageDescription(result),
                count(result.parallel(), "connection", "connections"),
                result.rtt().isZero() ? "no emulated RTT" : "emulated RTT " + Values.format(result.rtt())));
        text.append(String.format(Locale.ROOT, ROW, "client mode", "p50", "p90", "p99", "connections per page load",
                "requests per connection"));
        for (ModeResult mode : new ModeResult[] {result.keepAlive(), result.close()}) {
            Percentiles millis = mode.pageLoadMillis();
            text.append(String.format(Locale.ROOT, ROW, mode.mode().label(), ms(millis.p50()), ms(millis.p90()), ms(millis.p99()),
                    number(mode.connectionsPerPageLoad()), number(mode.requestsPerConnection())));
        }
        text.append(String.format(Locale.ROOT, ROW, "speedup", times(result.speedup(Percentiles::p50)),
                times(result.speedup(Percentiles::p90)), times(result.speedup(Percentiles::p99)), "", "").stripTrailing())
                .append(System.lineSeparator());
        text.append(System.lineSeparator())
                .append("Page-load times run from the page request to the last image's last byte; speedup is close's time over keep-alive's.");
        return text.toString();
    }

    private static String pageDescription(BenchResult result) {
        double images = result.keepAlive().requestsPerPageLoad() - 1;
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

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String times(double factor) {
        return String.format(Locale.ROOT, "%.2fx", factor);
    }
}
