package dev.keepalivelab.bench;

import java.util.Locale;

/** The bench's results as one line of JSON; times in milliseconds. */
final class ResultJson {
    private ResultJson() {
    }

    static String render(BenchResult result) {
        StringBuilder json = new StringBuilder("{\"url\":").append(quote(result.url().toString()))
                .append(",\"inProcessLab\":").append(result.inProcessLab())
                .append(",\"rounds\":").append(result.rounds())
                .append(",\"warmup\":").append(result.warmup())
                .append(",\"parallel\":").append(result.parallel())
                .append(",\"rttMillis\":").append(result.rtt().toMillis())
                .append(",\"skippedImages\":").append(result.skippedImages())
                .append(",\"inlineImages\":").append(result.inlineImages())
                .append(",\"modes\":{");
        for (int i = 0; i < result.modes().size(); i++) {
            ModeResult mode = result.modes().get(i);
            json.append(i == 0 ? "" : ",").append(quote(mode.mode().label())).append(':').append(mode(result, mode));
        }
        json.append("},\"notMeasured\":[");
        for (int i = 0; i < result.notMeasured().size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(result.notMeasured().get(i)));
        }
        json.append(']');
        result.proxyLateness().ifPresent(late -> json.append(",\"proxyLateMillis\":{\"chunks\":").append(late.chunks())
                .append(",\"mean\":").append(number(late.meanMillis()))
                .append(",\"max\":").append(number(late.maxMillis())).append('}'));
        if (result.speedup(Percentiles::p50).isPresent()) {
            json.append(",\"speedup\":{\"p50\":").append(number(result.speedup(Percentiles::p50).getAsDouble()))
                    .append(",\"p90\":").append(number(result.speedup(Percentiles::p90).getAsDouble()))
                    .append(",\"p99\":").append(number(result.speedup(Percentiles::p99).getAsDouble())).append('}');
        } else {
            json.append(",\"speedup\":null");
        }
        return json.append('}').toString();
    }

    private static String mode(BenchResult result, ModeResult mode) {
        Percentiles millis = mode.pageLoadMillis();
        return "{\"pageLoads\":" + mode.pageLoads()
                + ",\"failedLoads\":" + mode.failedLoads()
                + ",\"firstFailure\":" + mode.firstFailure().map(ResultJson::quote).orElse("null")
                + ",\"retries\":" + mode.retries()
                + ",\"closeWaitsTimedOut\":" + mode.closeWaitsTimedOut()
                + ",\"protocol\":" + quote(mode.protocol())
                + ",\"tls\":" + mode.tls().map(ResultJson::quote).orElse("null")
                + ",\"requests\":" + mode.requests()
                + ",\"connections\":" + mode.connections()
                + ",\"connectionsPerPageLoad\":" + number(mode.connectionsPerPageLoad())
                + ",\"minConnectionsPerPageLoad\":" + mode.minConnections()
                + ",\"maxConnectionsPerPageLoad\":" + mode.maxConnections()
                + ",\"requestsPerConnection\":" + number(mode.requestsPerConnection())
                + ",\"tlsHandshakes\":" + mode.tlsHandshakes()
                + ",\"tlsResumptions\":" + mode.tlsResumptions()
                + ",\"unusedConnections\":" + mode.unusedConnections()
                + ",\"pageLoadMillis\":{\"min\":" + number(millis.min())
                + ",\"p50\":" + number(millis.p50())
                + ",\"p90\":" + number(millis.p90())
                + ",\"p99\":" + number(millis.p99())
                + ",\"max\":" + number(millis.max()) + "}"
                + ",\"pageParseMillis\":" + number(mode.meanParseMillis())
                + ",\"modelMillis\":" + (result.modelMillis(mode).isPresent() ? number(result.modelMillis(mode).getAsDouble()) : "null")
                + "}";
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null";
    }

    static String quote(String text) {
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
