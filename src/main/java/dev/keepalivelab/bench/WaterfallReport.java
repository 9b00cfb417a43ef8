package dev.keepalivelab.bench;


import dev.keepalivelab.text.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --report FILE.html}: one self-contained HTML page (inline CSS and SVG, nothing to fetch) with a
 * waterfall of each mode's median page load, drawn to one time scale so that the modes compare at a glance,
 * and the result table below. One lane per connection, in the order they opened; its TCP and TLS handshakes
 * shaded; each request a bar from sent to last byte, lighter while it waits for the first byte. Requests that
 * overlap on one connection (HTTP/2 streams) are stacked within the lane.
 */
final class WaterfallReport {
    private static final int LABEL_WIDTH = 150;
    private static final int CHART_WIDTH = 900;
    private static final int ROW_HEIGHT = 14;
    private static final int LANE_GAP = 6;
    private static final int AXIS_HEIGHT = 24;
    private static final int SVG_WIDTH = LABEL_WIDTH + CHART_WIDTH + 20;
    /** More than a character of an 11 px tick label takes (Chromium draws "400 ms" 41 px wide). */
    private static final int TICK_CHAR_WIDTH = 8;

    private WaterfallReport() {
    }

    static String render(BenchResult result) {
        // A mode none of whose page loads completed draws nothing.
        double scaleMillis = Math.max(1, result.modes().stream().mapToDouble(mode -> mode.median().totalMillis()).max().orElse(1));
        boolean lost = result.modes().stream().flatMap(mode -> mode.median().lanes().stream()).flatMap(lane -> lane.requests().stream())
                .anyMatch(PageTrace.Bar::lost);
        boolean tls = result.modes().stream().anyMatch(mode -> mode.tls().isPresent());
        boolean h2 = result.modes().stream().anyMatch(mode -> mode.mode().http2());
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>keepalive-lab bench: ")
                .append(escape(result.url().toString())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>keepalive-lab bench: ").append(escape(result.url().toString())).append("</h1>\n")
                .append("<p>The median page load of each client mode (").append(result.rounds()).append(" per mode, ")
                .append(result.rtt().isZero() ? "no emulated RTT" : "emulated RTT " + escape(Durations.format(result.rtt())))
                .append("), as a browser's network panel draws it: one lane per connection, each request a bar from sent to last byte"
                        + " (lighter until its first byte), ").append(shaded(!result.rtt().isZero(), tls, h2)).append(" shaded. All modes share one time scale.</p>\n")
                .append(legend(tls, h2, lost));
        for (ModeResult mode : result.modes()) {
            section(html, mode, scaleMillis);
        }
        html.append("<h2>The table</h2>\n<pre class=\"table\">").append(escape(ResultTable.render(result))).append("</pre>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void section(StringBuilder html, ModeResult mode, double scaleMillis) {
        PageTrace trace = mode.median();
        List<List<List<PageTrace.Bar>>> rowsPerLane = new ArrayList<>();
        int rows = 0;
        for (PageTrace.Lane lane : trace.lanes()) {
            List<List<PageTrace.Bar>> laneRows = stack(lane.requests());
            rowsPerLane.add(laneRows);
            rows += Math.max(1, laneRows.size());
        }
        int height = AXIS_HEIGHT + rows * ROW_HEIGHT + trace.lanes().size() * LANE_GAP;
        html.append("<section class=\"mode\" data-mode=\"").append(mode.mode().label()).append("\" data-lanes=\"").append(trace.lanes().size()).append("\" data-connections=\"").append(trace.connections())
                .append("\" data-requests=\"").append(trace.requests()).append("\">\n<h2>").append(mode.mode().label()).append(": ")
                .append(escape(mode.protocol() + mode.tls().map(v -> " over " + v).orElse(""))).append(", ")
                .append(ResultTable.count(trace.connections(), "connection", "connections"))
                .append(trace.unusedConnections() == 0 ? "" : " (and " + trace.unusedConnections() + " opened but never used)").append(", ")
                .append(ResultTable.ms(trace.totalMillis())).append("</h2>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(SVG_WIDTH).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"").append(mode.mode().label()).append(" waterfall\">\n");
        axis(html, scaleMillis, height);
        int y = AXIS_HEIGHT;
        for (int i = 0; i < trace.lanes().size(); i++) {
            PageTrace.Lane lane = trace.lanes().get(i);
            List<List<PageTrace.Bar>> laneRows = rowsPerLane.get(i);
            int laneHeight = Math.max(1, laneRows.size()) * ROW_HEIGHT;
            html.append("<g class=\"lane\">\n<text class=\"label\" x=\"4\" y=\"").append(y + 11).append("\">connection ").append(i + 1)
                    .append(lane.requests().isEmpty() ? " (unused)" : lane.tls() ? (lane.resumed() ? " (TLS resumed)" : " (TLS full)") : "")
                    .append("</text>\n");
            shade(html, "tcp", lane.openedMillis(), lane.tcpDoneMillis(), y, laneHeight, scaleMillis, "TCP handshake");
            if (lane.tls()) {
                shade(html, "tls", lane.tcpDoneMillis(), lane.tlsDoneMillis(), y, laneHeight, scaleMillis,
                        lane.resumed() ? "TLS handshake, resumed" : "TLS handshake, full");
            }
            if (mode.mode().http2() && !lane.requests().isEmpty()) {
                double ready = lane.tls() ? lane.tlsDoneMillis() : lane.tcpDoneMillis();
                double firstSent = lane.requests().stream().mapToDouble(PageTrace.Bar::sentMillis).min().orElse(ready);
                shade(html, "preface", ready, firstSent, y, laneHeight, scaleMillis, "waiting for the server's SETTINGS");
            }
            for (int row = 0; row < laneRows.size(); row++) {
                for (PageTrace.Bar bar : laneRows.get(row)) {
                    bar(html, bar, lane.tls() ? lane.tlsDoneMillis() : lane.tcpDoneMillis(), y + row * ROW_HEIGHT, scaleMillis);
                }
            }
            html.append("</g>\n");
            y += laneHeight + LANE_GAP;
        }
        html.append("</svg>\n</section>\n");
    }

    /** Puts each request in the first row of the lane where it overlaps no other: one row for HTTP/1.1, one per concurrent stream for h2. */
    private static List<List<PageTrace.Bar>> stack(List<PageTrace.Bar> bars) {
        List<List<PageTrace.Bar>> rows = new ArrayList<>();
        List<PageTrace.Bar> bySent = bars.stream().sorted((a, b) -> Double.compare(a.sentMillis(), b.sentMillis())).toList();
        for (PageTrace.Bar bar : bySent) {
            List<PageTrace.Bar> free = null;
            for (List<PageTrace.Bar> row : rows) {
                if (row.get(row.size() - 1).lastByteMillis() <= bar.sentMillis()) {
                    free = row;
                    break;
                }
            }
            if (free == null) {
                free = new ArrayList<>();
                rows.add(free);
            }
            free.add(bar);
        }
        return rows;
    }

    /** Each tick's label starts at its grid line, or ends there where it would run past the SVG's right edge. */
    private static void axis(StringBuilder html, double scaleMillis, int height) {
        double step = tickStep(scaleMillis);
        for (double t = 0; t <= scaleMillis + 1e-9; t += step) {
            double x = x(t, scaleMillis);
            String label = tick(t, step);
            String anchor = x + label.length() * TICK_CHAR_WIDTH <= SVG_WIDTH ? "" : " text-anchor=\"end\"";
            html.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"14\"%s>%s</text>%n", x, AXIS_HEIGHT - 4, x, height, x, anchor, label));
        }
    }

    /** About eight ticks, each 1, 2 or 5 times a power of ten milliseconds. */
    static double tickStep(double scaleMillis) {
        double rough = Math.max(scaleMillis, 0.001) / 8;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5}) {
            if (factor * power >= rough) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String tick(double millis, double step) {
        return step >= 1 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static void shade(StringBuilder html, String kind, double from, double to, int y, int height, double scaleMillis, String title) {
        if (to <= from) {
            return;
        }
        html.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s: %s to %s</title></rect>%n",
                kind, x(from, scaleMillis), y, Math.max(0.5, x(to, scaleMillis) - x(from, scaleMillis)), height, title,
                ResultTable.ms(from), ResultTable.ms(to)));
    }

    /** A request's bar starts where its bytes can leave: not before its connection's handshakes end, however early the client queued them. */
    private static void bar(StringBuilder html, PageTrace.Bar bar, double connectionReady, int y, double scaleMillis) {
        double sent = x(Math.min(Math.max(bar.sentMillis(), connectionReady), bar.firstByteMillis()), scaleMillis);
        double first = x(bar.firstByteMillis(), scaleMillis);
        double last = x(bar.lastByteMillis(), scaleMillis);
        String kind = bar.lost() ? "request lost" : "request";
        String end = bar.lost() ? "lost and sent again at" : "last byte";
        html.append(String.format(Locale.ROOT, "<g class=\"%s\"><title>%s: sent %s, first byte %s, %s %s</title>"
                        + "<rect class=\"wait\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>"
                        + "<rect class=\"receive\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/></g>%n",
                kind, escape(bar.path()), ResultTable.ms(bar.sentMillis()), ResultTable.ms(bar.firstByteMillis()), end, ResultTable.ms(bar.lastByteMillis()),
                sent, y + 2, Math.max(0.5, first - sent), ROW_HEIGHT - 4, first, y + 2, Math.max(1, last - first), ROW_HEIGHT - 4));
    }

    private static double x(double millis, double scaleMillis) {
        return LABEL_WIDTH + Math.max(0, millis) / scaleMillis * CHART_WIDTH;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin: 1.2em 0 0.3em; }
            svg { display: block; background: #fff; border: 1px solid #ddd; }
            .grid { stroke: #eee; } .tick, .label { font-size: 11px; fill: #555; }
            .tcp { fill: #f5c26b; } .tls { fill: #b48ce0; } .preface { fill: #cfd8dc; }
            .wait { fill: #9cc3f0; } .receive { fill: #1f6fd1; } .lost .receive { fill: #d93025; }
            .legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 14px; vertical-align: -1px; }
            pre.table { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 10.5px; }
            """;

    /** What the lanes shade, as the intro names it: the TLS handshake only if a mode went over TLS, the SETTINGS wait only if one was h2. */
    private static String shaded(boolean emulatedRtt, boolean tls, boolean h2) {
        return "the connection's TCP handshake" + (emulatedRtt ? " (emulated: one RTT)" : "")
                + (tls ? (h2 ? ", " : " and ") + "its TLS handshake" : "")
                + (h2 ? " and, on h2, the wait for the server's SETTINGS" : "");
    }

    private static String legend(boolean tls, boolean h2, boolean lost) {
        return "<p class=\"legend\"><span class=\"tcp\" style=\"background:#f5c26b\"></span>TCP handshake"
                + (tls ? "<span style=\"background:#b48ce0\"></span>TLS handshake" : "")
                + (h2 ? "<span style=\"background:#cfd8dc\"></span>HTTP/2: waiting for the server's SETTINGS" : "")
                + "<span style=\"background:#9cc3f0\"></span>request sent, waiting"
                + "<span style=\"background:#1f6fd1\"></span>response arriving"
                + (lost ? "<span style=\"background:#d93025\"></span>lost, sent again on a new connection" : "") + "</p>\n";
    }
}
