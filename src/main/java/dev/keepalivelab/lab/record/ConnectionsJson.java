package dev.keepalivelab.lab.record;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Renders a {@link LabHistory.Snapshot} as the documented JSON of {@code GET /connections}. */
public final class ConnectionsJson {
    /** Where the lab answers with its record. */
    public static final String PATH = "/connections";

    private ConnectionsJson() {
    }

    public static String render(LabHistory.Snapshot snapshot) {
        StringBuilder json = new StringBuilder(256 + snapshot.requests().size() * 220);
        json.append("{\"requestsSeen\":").append(snapshot.requestsSeen())
                .append(",\"connectionsSeen\":").append(snapshot.connectionsSeen())
                .append(",\"requests\":");
        array(json, snapshot.requests(), r -> {
            json.append("{\"id\":").append(r.id())
                    .append(",\"connection\":").append(quote(r.connectionLabel()))
                    .append(",\"requestOnConnection\":").append(r.requestOnConnection())
                    .append(",\"method\":").append(quote(r.facts().method()))
                    .append(",\"path\":").append(quote(r.facts().path()))
                    .append(",\"protocol\":").append(quote(r.facts().protocol()))
                    .append(",\"remotePort\":").append(r.facts().remotePort())
                    .append(",\"status\":").append(r.facts().status() == RequestRecord.NO_STATUS ? "null" : Integer.toString(r.facts().status()))
                    .append(",\"stream\":").append(r.facts().stream() == 0 ? "null" : Long.toString(r.facts().stream()))
                    .append(",\"load\":").append(r.facts().pageLoad() == 0 ? "null" : Long.toString(r.facts().pageLoad()))
                    .append(",\"client\":").append(quote(r.facts().client()))
                    .append(",\"fault\":").append(r.facts().fault() == null ? "null" : quote(r.facts().fault().label()))
                    .append(",\"decision\":").append(quote(r.closed() ? "closed" : "kept"))
                    .append(",\"reason\":").append(quote(r.reason().label()))
                    .append(",\"outcome\":").append(r.delivery() == null ? "null" : quote(r.delivery().label))
                    .append(",\"bytes\":").append(r.bodyBytes() == ResponseOutcome.UNKNOWN ? "null" : Long.toString(r.bodyBytes()))
                    .append(",\"time\":").append(time(r.time()))
                    .append('}');
        });
        json.append(",\"connections\":");
        array(json, snapshot.connections(), c -> {
            json.append("{\"label\":").append(quote(c.label()))
                    .append(",\"remotePort\":").append(c.remotePort())
                    .append(",\"protocol\":").append(quote(c.protocol().label()))
                    .append(",\"tls\":").append(c.tls())
                    .append(",\"requests\":").append(c.requests())
                    .append(",\"firstSeen\":").append(time(c.firstSeen()))
                    .append(",\"lastSeen\":").append(time(c.lastSeen()))
                    .append(",\"closed\":").append(c.closed())
                    .append(",\"closeReason\":").append(c.closeReason() == null ? "null" : quote(c.closeReason().label()))
                    .append(",\"closedBy\":").append(c.closedBy() == null ? "null" : quote(c.closedBy().label()))
                    .append(",\"closedAt\":").append(c.closedAt() == null ? "null" : time(c.closedAt()))
                    .append('}');
        });
        json.append(",\"clients\":");
        array(json, ClientSummary.of(snapshot.requests(), snapshot.connections()), c -> {
            json.append("{\"client\":").append(quote(c.client()))
                    .append(",\"requests\":").append(c.requests())
                    .append(",\"connections\":").append(c.connections())
                    .append(",\"reused\":").append(c.reused())
                    .append(",\"medianIdleBeforeReuseMs\":").append(c.medianIdleMs())
                    .append(",\"maxIdleBeforeReuseMs\":").append(c.maxIdleMs())
                    .append(",\"reusedAfterKeepAliveTimeout\":").append(c.reusedAfterKeepAliveTimeout())
                    .append(",\"faults\":").append(c.faults())
                    .append(",\"lost\":").append(c.lost())
                    .append(",\"retried\":").append(c.retried())
                    .append(",\"retriedNonIdempotent\":").append(c.retriedNonIdempotent())
                    .append(",\"notRetried\":").append(c.notRetried())
                    .append('}');
        });
        return json.append("}\n").toString();
    }

    private static <T> void array(StringBuilder json, List<T> items, Consumer<T> element) {
        json.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            element.accept(items.get(i));
        }
        json.append(']');
    }

    private static String time(Instant instant) {
        return quote(instant.toString());
    }

    /** {@code text} as a JSON string, with {@code <}, {@code >} and {@code &} escaped too, so that it is safe inside HTML. */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
