package dev.keepalivelab.checkcmd;

import java.util.List;
import java.util.Locale;

/** The card as one line of JSON, for machines. */
final class CardJson {
    private CardJson() {
    }

    static String render(ClientCommand command, List<CheckLine> lines) {
        StringBuilder json = new StringBuilder("{\"command\":[");
        for (int i = 0; i < command.words().size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(command.words().get(i)));
        }
        json.append("],\"checks\":[");
        for (int i = 0; i < lines.size(); i++) {
            CheckLine line = lines.get(i);
            json.append(i == 0 ? "" : ",").append("{\"check\":").append(quote(line.check()))
                    .append(",\"verdict\":").append(quote(line.verdict().label))
                    .append(",\"reason\":").append(quote(line.reason()))
                    .append(",\"userAgent\":").append(line.userAgent().map(CardJson::quote).orElse("null"))
                    .append(",\"requests\":").append(line.requests())
                    .append(",\"command\":").append(outcome(line.outcome())).append('}');
        }
        long failed = lines.stream().filter(line -> line.verdict() == CheckLine.Verdict.FAIL).count();
        return json.append("],\"failed\":").append(failed).append('}').toString();
    }

    private static String outcome(CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.Exited exited) {
            return "{\"exitStatus\":" + exited.status() + ",\"lastLine\":" + quote(exited.lastLine()) + "}";
        }
        return "{\"timedOutAfterMillis\":" + ((CommandOutcome.TimedOut) outcome).limit().toMillis() + "}";
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> quoted.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }
}
