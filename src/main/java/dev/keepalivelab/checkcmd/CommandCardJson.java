package dev.keepalivelab.checkcmd;

import dev.keepalivelab.lab.check.CardJson;
import dev.keepalivelab.lab.check.Verdict.Grade;

import java.util.List;

import static dev.keepalivelab.lab.record.ConnectionsJson.quote;

/**
 * The command's card as JSON, for machines: each check's verdict, the lab's record of its requests (the objects of the
 * chain card's JSON, {@link CardJson}), and how the command ended on it.
 */
final class CommandCardJson {
    private CommandCardJson() {
    }

    static String render(ClientCommand command, List<CheckLine> lines) {
        StringBuilder json = new StringBuilder("{\"command\":[");
        for (int i = 0; i < command.words().size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(command.words().get(i)));
        }
        json.append("],\"checks\":[");
        for (int i = 0; i < lines.size(); i++) {
            CheckLine line = lines.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("{\"name\":").append(quote(line.check()))
                    .append(",\"verdict\":").append(quote(line.grade().label()))
                    .append(",\"reason\":").append(quote(line.reason()))
                    .append(",\"userAgents\":[");
            for (int j = 0; j < line.userAgents().size(); j++) {
                json.append(j == 0 ? "" : ",").append(quote(line.userAgents().get(j)));
            }
            json.append("],\"requests\":[");
            for (int j = 0; j < line.requests().size(); j++) {
                json.append(j == 0 ? "" : ",");
                CardJson.request(json, line.requests().get(j));
            }
            json.append("],\"command\":").append(outcome(line.outcome())).append('}');
        }
        long failed = lines.stream().filter(line -> line.grade() == Grade.FAIL).count();
        return json.append("],\"failed\":").append(failed).append('}').toString();
    }

    /** How the command ended on a check: its exit status and last line, or the time it outran; null where it did not run. */
    private static String outcome(CommandOutcome outcome) {
        if (outcome == null) {
            return "null";
        }
        if (outcome instanceof CommandOutcome.Exited exited) {
            return "{\"exitStatus\":" + exited.status() + ",\"lastLine\":" + quote(exited.lastLine()) + "}";
        }
        return "{\"timedOutAfterMillis\":" + ((CommandOutcome.TimedOut) outcome).limit().toMillis() + "}";
    }
}
