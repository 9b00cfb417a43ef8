package dev.keepalivelab.lab.check;

import java.util.List;

import static dev.keepalivelab.lab.record.ConnectionsJson.quote;

/** Renders the runs the lab remembers, newest first, as the JSON of {@code GET /checks}. */
final class RunsJson {
    private RunsJson() {
    }

    static String render(List<CheckRun> runs) {
        StringBuilder json = new StringBuilder(64 + runs.size() * 160).append("{\"runs\":[");
        for (int i = 0; i < runs.size(); i++) {
            CheckRun run = runs.get(i);
            json.append(i > 0 ? ",\n" : "\n").append("{\"run\":").append(quote(run.id()))
                    .append(",\"card\":").append(quote(run.link(run.cardPath())))
                    .append(",\"client\":").append(quote(run.client()))
                    .append(",\"started\":").append(quote(run.started().toString()))
                    .append(",\"method\":").append(quote(run.method()))
                    .append(",\"checks\":[").append(String.join(",", run.checks().stream().map(c -> quote(c)).toList()))
                    .append("]}");
        }
        return json.append("]}\n").toString();
    }
}
