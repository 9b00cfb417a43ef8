package dev.keepalivelab.bench;

import java.util.Locale;

/** The bench's results as one line of JSON; times in milliseconds. */
final class ResultJson {
    private ResultJson() {
    }

    static String render(BenchResult result) {
        return "{\"url\":" + quote(result.url().toString())
                + ",\"inProcessLab\":" + result.inProcessLab()
                + ",\"rounds\":" + result.rounds()
                + ",\"warmup\":" + result.warmup()
                + ",\"parallel\":" + result.parallel()
                + ",\"rttMillis\":" + result.rtt().toMillis()
                + ",\"skippedImages\":" + result.skippedImages()
                + ",\"inlineImages\":" + result.inlineImages()
                + ",\"modes\":{" + quote(result.keepAlive().mode().label()) + ":" + mode(result.keepAlive())
                + "," + quote(result.close().mode().label()) + ":" + mode(result.close()) + "}"
                + ",\"speedup\":{\"p50\":" + number(result.speedup(Percentiles::p50))
                + ",\"p90\":" + number(result.speedup(Percentiles::p90))
                + ",\"p99\":" + number(result.speedup(Percentiles::p99)) + "}}";
    }

    private static String mode(ModeResult mode) {
        Percentiles millis = mode.pageLoadMillis();
        return "{\"pageLoads\":" + mode.pageLoads()
                + ",\"requests\":" + mode.requests()
                + ",\"connections\":" + mode.connections()
                + ",\"connectionsPerPageLoad\":" + number(mode.connectionsPerPageLoad())
                + ",\"minConnectionsPerPageLoad\":" + mode.minConnections()
                + ",\"maxConnectionsPerPageLoad\":" + mode.maxConnections()
                + ",\"requestsPerConnection\":" + number(mode.requestsPerConnection())
                + ",\"pageLoadMillis\":{\"min\":" + number(millis.min())
                + ",\"p50\":" + number(millis.p50())
                + ",\"p90\":" + number(millis.p90())
                + ",\"p99\":" + number(millis.p99())
                + ",\"max\":" + number(millis.max()) + "}}";
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null";
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
