package dev.keepalivelab.checkcmd;

import dev.keepalivelab.lab.check.Verdict.Grade;
import dev.keepalivelab.lab.record.RequestRecord;
import dev.keepalivelab.lab.record.ResponseOutcome;
import dev.keepalivelab.options.CommandLineHelp;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The card as a person reads it: the command, the client as the lab saw it, a line per check and the tally. */
final class CardTable {
    private CardTable() {
    }

    static String render(ClientCommand command, List<CheckLine> lines, boolean record) {
        int checkWidth = Math.max("check".length(), lines.stream().mapToInt(line -> line.check().length()).max().orElse(0));
        int gradeWidth = Arrays.stream(Grade.values()).mapToInt(grade -> grade.label().length()).max().orElse(0);
        String row = "%-" + checkWidth + "s  %-" + gradeWidth + "s  %s%n";
        StringBuilder card = new StringBuilder()
                .append("command: ").append(CommandLineHelp.oneLine(command.text())).append('\n')
                .append("client:  ").append(clients(lines)).append("\n\n")
                .append(String.format(row, "check", "verdict", "why"));
        for (CheckLine line : lines) {
            card.append(String.format(row, line.check(), line.grade().label(), why(line)));
            if (record) {
                line.requests().forEach(request -> card.append("    ").append(recorded(request)).append('\n'));
            }
        }
        return card.append('\n').append(tally(lines)).toString();
    }

    /** A request as the record has it, e.g. {@code #7 GET /check/r1/reuse/2 c1 #2 HTTP/1.1 200 kept/policy, 12 bytes}. */
    static String recorded(RequestRecord r) {
        RequestRecord.Facts facts = r.facts();
        return CommandLineHelp.oneLine("#" + r.id() + " " + facts.method() + " " + facts.path() + " " + r.connectionLabel() + " #"
                + r.requestOnConnection() + " " + facts.protocol() + " " + (facts.status() == RequestRecord.NO_STATUS ? "-" : facts.status())
                + " " + r.describe() + (facts.fault() == null ? "" : ", fault " + facts.fault().label())
                + (r.bodyBytes() == ResponseOutcome.UNKNOWN ? "" : ", " + r.bodyBytes() + " bytes"));
    }

    /** The reason without the grade it may start with ({@code not applicable: ...}), which the verdict column shows. */
    private static String why(CheckLine line) {
        String prefix = line.grade().label().replace('-', ' ') + ": ";
        String reason = line.reason().startsWith(prefix) ? line.reason().substring(prefix.length()) : line.reason();
        return CommandLineHelp.oneLine(reason);
    }

    /** The User-Agents the lab saw, each once, in the order of the checks. */
    static String clients(List<CheckLine> lines) {
        List<String> agents = lines.stream().flatMap(line -> line.userAgents().stream()).distinct().toList();
        return agents.isEmpty() ? "(no User-Agent seen)" : "User-Agent " + agents.stream().map(CommandLineHelp::oneLine)
                .collect(Collectors.joining(", "));
    }

    /** E.g. {@code 4 pass, 1 fail, 1 not-applicable, 5 not-run}: each grade some check got. */
    static String tally(List<CheckLine> lines) {
        return Arrays.stream(Grade.values()).filter(grade -> lines.stream().anyMatch(line -> line.grade() == grade))
                .map(grade -> lines.stream().filter(line -> line.grade() == grade).count() + " " + grade.label())
                .collect(Collectors.joining(", ")) + ".";
    }
}
