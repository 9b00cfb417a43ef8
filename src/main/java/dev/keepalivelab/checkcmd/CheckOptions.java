package dev.keepalivelab.checkcmd;

import dev.keepalivelab.options.OptionTable;
import dev.keepalivelab.options.UsageError;
import dev.keepalivelab.text.Durations;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line of {@code check}, built from {@link CheckOption}: options, then {@code --} and the client's command. */
final class CheckOptions {
    static final String NAME = "java -jar keepalive-lab.jar check";
    static final String END_OF_OPTIONS = "--";
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** What the command line asks for: a run of the checks, or an exit after printing help, version or an error. */
    sealed interface Outcome permits Run, Exit {
    }

    record Run(CheckConfig config) implements Outcome {
    }

    record Exit(int code) implements Outcome {
    }

    private CheckOptions() {
    }

    static Outcome parse(String[] args, PrintWriter out, PrintWriter err) {
        int end = Arrays.asList(args).indexOf(END_OF_OPTIONS);
        String[] options = end < 0 ? args : Arrays.copyOfRange(args, 0, end);
        List<String> command = end < 0 ? List.of() : List.of(args).subList(end + 1, args.length);
        return table().parse(options, out, err, result -> toConfig(result, command), Run::new, Exit::new);
    }

    static OptionTable table() {
        OptionTable table = OptionTable.command(NAME, CheckCommand.PREFIX,
                "Grades an HTTP client's connection handling. Starts the lab in-process on a free loopback port and, for"
                        + " each check, runs COMMAND with " + ClientCommand.URL + " replaced by that check's first URL: the"
                        + " lab leads the client through the check's redirects, springs the check's fault on the wire and"
                        + " watches what the client does. Then prints the card: each check's verdict and why, with the"
                        + " client as the lab saw it.");
        table.spec().usageMessage().customSynopsis(NAME + " [OPTIONS] -- COMMAND [ARG...]")
                .footer("", "Exit status: 0 when no check failed, 1 when one did, 2 when nothing could be judged: a usage error,"
                        + " a command that cannot start or that made no request to the lab in any check.");
        table.spec().addPositional(PositionalParamSpec.builder()
                .paramLabel("COMMAND [ARG...]")
                .hideParamSyntax(true)
                .arity("0..*")
                .type(List.class)
                .auxiliaryTypes(String.class)
                .description("After --: the client's command, one ARG of which holds " + ClientCommand.URL + ", such as "
                        + CheckCommand.EXAMPLE + ". It should follow redirects, read the whole body and exit non-zero"
                        + " on a transport error or a truncated body.")
                .build());
        Arrays.stream(CheckOption.values()).forEach(option -> table.add(option.row));
        return table.valueErrorsSayAllowed();
    }

    private static CheckConfig toConfig(ParseResult result, List<String> command) {
        if (result.hasMatchedPositional(0)) {
            throw new UsageError("'" + result.matchedPositionals().get(0).stringValues().get(0) + "' before " + END_OF_OPTIONS
                    + ": the client's command goes after " + END_OF_OPTIONS + ", e.g. check " + END_OF_OPTIONS + " " + CheckCommand.EXAMPLE + ".");
        }
        boolean https = result.hasMatchedOption(CheckOption.HTTPS.flag());
        return new CheckConfig(checks(OptionTable.given(result, CheckOption.CHECKS.flag()).orElse(CheckOption.CHECKS.row.defaultValue())),
                timeout(OptionTable.given(result, CheckOption.TIMEOUT.flag()).orElse(CheckOption.TIMEOUT.row.defaultValue())),
                result.hasMatchedOption(CheckOption.JSON.flag()), result.hasMatchedOption(CheckOption.RECORD.flag()), https, ClientCommand.of(command, https));
    }

    /** The checks named, in order; {@code all} is every known check. */
    static List<String> checks(String text) {
        if (text.equals("all")) {
            return InProcessLab.GET_CHECKS;
        }
        Set<String> checks = new LinkedHashSet<>();
        for (String name : text.split(",", -1)) {
            String check = name.strip();
            if (InProcessLab.TIMED_CHECKS.contains(check)) {
                throw new UsageError("Invalid value '" + text + "' for " + CheckOption.CHECKS.flag() + ": " + check + " is timed: "
                        + CheckCommand.TIMED_WHY + "; allowed is " + CheckOption.CHECKS.row.allowed() + ".");
            }
            if (!InProcessLab.CHECKS.contains(check)) {
                throw new UsageError("Invalid value '" + text + "' for " + CheckOption.CHECKS.flag() + ": "
                        + (check.isEmpty() ? "an empty name" : "no check is named '" + check + "'") + "; allowed is "
                        + CheckOption.CHECKS.row.allowed() + ".");
            }
            if (!checks.add(check)) {
                throw new UsageError("Invalid value '" + text + "' for " + CheckOption.CHECKS.flag() + ": " + check + " is named twice.");
            }
        }
        return List.copyOf(checks);
    }

    static Duration timeout(String text) {
        try {
            Duration timeout = Durations.parse(text, MIN_TIMEOUT);
            if (timeout.compareTo(MAX_TIMEOUT) <= 0) {
                return timeout;
            }
        } catch (IllegalArgumentException e) {
            // refused below, with what is allowed
        }
        throw new UsageError("Invalid value '" + text + "' for " + CheckOption.TIMEOUT.flag() + ": allowed is "
                + CheckOption.TIMEOUT.row.allowed() + ".");
    }
}
