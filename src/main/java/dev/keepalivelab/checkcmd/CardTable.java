package dev.keepalivelab.checkcmd;

import dev.keepalivelab.options.CommandLineHelp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The card as a person reads it: the command, the client as the lab saw it, a line per check and the tally. */
final class CardTable {
    private CardTable() {
    }

    static String render(ClientCommand command, List<CheckLine> lines) {
        int checkWidth = Math.max("check".length(), lines.stream().mapToInt(line -> line.check().length()).max().orElse(0));
        int verdictWidth = Arrays.stream(CheckLine.Verdict.values()).mapToInt(verdict -> verdict.label.length()).max().orElse(0);
        String row = "%-" + checkWidth + "s  %-" + verdictWidth + "s  %s%n";
        StringBuilder card = new StringBuilder()
                .append("command: ").append(CommandLineHelp.oneLine(String.join(" ", command.words()))).append('\n')
                .append("client:  ").append(clients(lines)).append("\n\n")
                .append(String.format(row, "check", "verdict", "why"));
        lines.forEach(line -> card.append(String.format(row, line.check(), line.verdict().label, CommandLineHelp.oneLine(line.reason()))));
        return card.append('\n').append(tally(lines)).toString();
    }

    /** The User-Agents the lab saw, each once, in the order of the checks. */
    static String clients(List<CheckLine> lines) {
        List<String> agents = lines.stream().map(CheckLine::userAgent).flatMap(Optional::stream).distinct().toList();
        return agents.isEmpty() ? "(no User-Agent seen)" : "User-Agent " + agents.stream().map(CommandLineHelp::oneLine)
                .collect(Collectors.joining(", "));
    }

    /** E.g. {@code 7 checks: 5 pass, 1 warn, 1 fail, 0 not applicable.} */
    static String tally(List<CheckLine> lines) {
        return lines.size() + (lines.size() == 1 ? " check: " : " checks: ") + Arrays.stream(CheckLine.Verdict.values())
                .map(verdict -> lines.stream().filter(line -> line.verdict() == verdict).count() + " " + verdict.label)
                .collect(Collectors.joining(", ")) + ".";
    }
}
