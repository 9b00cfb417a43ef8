package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.check.Verdict.Grade;
import dev.keepalivelab.lab.record.RequestRecord;
import dev.keepalivelab.lab.record.ResponseOutcome;

import java.util.List;

import static dev.keepalivelab.lab.record.ConnectionsJson.quote;

/** Renders a {@link Card} as the documented JSON of {@code GET /check/RUN} (docs/client-checks.md). */
public final class CardJson {
    private CardJson() {
    }

    public static String render(Card card) {
        CheckRun run = card.run();
        StringBuilder json = new StringBuilder(4096);
        json.append("{\"run\":").append(quote(run.id()))
                .append(",\"card\":").append(quote(run.link(run.cardPath())))
                .append(",\"client\":").append(quote(run.client()))
                .append(",\"started\":").append(quote(run.started().toString()))
                .append(",\"method\":").append(quote(run.method()))
                .append(",\"protocol\":").append(card.protocol() == null ? "null" : quote(card.protocol()))
                .append(",\"exitStatus\":").append(run.exitStatus())
                .append(",\"counts\":{");
        Grade[] grades = Grade.values();
        for (int i = 0; i < grades.length; i++) {
            json.append(i > 0 ? "," : "").append(quote(grades[i].label())).append(':').append(card.counts().get(grades[i]));
        }
        json.append("},\"checks\":[");
        List<Card.Result> results = card.results();
        for (int i = 0; i < results.size(); i++) {
            Card.Result result = results.get(i);
            json.append(i > 0 ? ",\n" : "\n").append("{\"name\":").append(quote(result.check()))
                    .append(",\"verdict\":").append(quote(result.verdict().grade().label()))
                    .append(",\"reason\":").append(quote(result.verdict().reason()))
                    .append(",\"requests\":[");
            for (int j = 0; j < result.requests().size(); j++) {
                json.append(j > 0 ? "," : "");
                request(json, result.requests().get(j));
            }
            json.append("]}");
        }
        return json.append("]}\n").toString();
    }

    /** A request as {@code /connections} names its fields, those the card's reasons rest on. */
    public static void request(StringBuilder json, RequestRecord r) {
        json.append("{\"id\":").append(r.id())
                .append(",\"method\":").append(quote(r.facts().method()))
                .append(",\"path\":").append(quote(r.facts().path()))
                .append(",\"connection\":").append(quote(r.connectionLabel()))
                .append(",\"requestOnConnection\":").append(r.requestOnConnection())
                .append(",\"protocol\":").append(quote(r.facts().protocol()))
                .append(",\"status\":").append(r.facts().status() == RequestRecord.NO_STATUS ? "null" : Integer.toString(r.facts().status()))
                .append(",\"fault\":").append(r.facts().fault() == null ? "null" : quote(r.facts().fault().label()))
                .append(",\"decision\":").append(quote(r.closed() ? "closed" : "kept"))
                .append(",\"reason\":").append(quote(r.reason().label()))
                .append(",\"bytes\":").append(r.bodyBytes() == ResponseOutcome.UNKNOWN ? "null" : Long.toString(r.bodyBytes()))
                .append('}');
    }
}
