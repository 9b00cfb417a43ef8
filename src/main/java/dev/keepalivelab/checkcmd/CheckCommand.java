package dev.keepalivelab.checkcmd;

import dev.keepalivelab.lab.check.CheckRun;
import dev.keepalivelab.lab.check.Verdict.Grade;
import dev.keepalivelab.options.CommandLineHelp;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar keepalive-lab.jar check [options] -- COMMAND ARG...}: runs a client's command against an in-process
 * lab once per check, with {@value ClientCommand#URL} filled in, and prints the card.
 */
public final class CheckCommand {
    public static final String NAME = "check";
    static final String PREFIX = "keepalive-lab check: ";
    static final String EXAMPLE = "curl -sSfL -o /dev/null " + ClientCommand.URL;
    static final String POST_EXAMPLE = "curl -sSfL -d ok -o /dev/null " + ClientCommand.URL;
    /** Why a timed check is not the command's, after {@code timed: }. */
    static final String TIMED_WHY = "its client waits between requests, which one run of a command does not; the browser's"
            + " /check page and code (the Java API) run it";
    static final int EXIT_PASSED = 0;
    static final int EXIT_FAILED = 1;
    /** A usage error, a command that cannot start or never made a request, or a lab that cannot start: nothing was judged. */
    static final int EXIT_NOT_JUDGED = 2;

    /** Starts the lab the checks run on. */
    interface Labs {
        InProcessLab start(boolean https) throws Exception;
    }

    private CheckCommand() {
    }

    /** Runs the checks with the arguments after {@code check}; returns the process's exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, InProcessLab::start);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Labs labs) {
        CheckOptions.Outcome outcome = CheckOptions.parse(args, out, err);
        if (outcome instanceof CheckOptions.Exit exit) {
            return exit.code();
        }
        CheckConfig config = ((CheckOptions.Run) outcome).config();
        List<CheckLine> lines = new ArrayList<>();
        try (InProcessLab lab = labs.start(config.https())) {
            String hungAt = null;
            for (String check : config.checks()) {
                if (hungAt != null) {
                    lines.add(CheckLine.notRun(check, "not run: " + hung(hungAt) + ": check stopped there"));
                    continue;
                }
                CheckRun run = lab.start(check, config.command().text());
                CommandOutcome ended = CommandRunner.run(config.command().forUrl(lab.url(run), lab.certificate()), config.timeout());
                CheckLine line = CommandVerdicts.judge(lab.judge(run, ended));
                lines.add(line);
                hungAt = ended instanceof CommandOutcome.TimedOut && line.requests().isEmpty() ? check : null;
            }
            InProcessLab.CHECKS.stream().filter(check -> !config.checks().contains(check))
                    .forEach(check -> lines.add(CheckLine.notRun(check, notAskedFor(check))));
            InProcessLab.TIMED_CHECKS.forEach(check -> lines.add(CheckLine.notRun(check, "not run: timed: " + TIMED_WHY)));
        } catch (CommandRunner.CannotStart e) {
            return notJudged(err, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notJudged(err, "interrupted");
        } catch (Exception e) {
            return notJudged(err, "cannot run the checks: " + e);
        }
        out.println(config.json() ? CommandCardJson.render(config.command(), lines) : CardTable.render(config.command(), lines, config.record()));
        out.flush();
        List<CheckLine> ran = lines.stream().filter(CheckLine::ran).toList();
        if (ran.stream().allMatch(line -> line.requests().isEmpty())) {
            CheckLine last = ran.get(ran.size() - 1);
            String what = last.outcome() instanceof CommandOutcome.TimedOut
                    ? CommandVerdicts.NO_REQUEST + " and outran " + CheckOption.TIMEOUT.flag() + " on " + last.check() + " ("
                    + last.outcome().describe() + "), so check stopped there"
                    : CommandVerdicts.NO_REQUEST + " in any check (" + ran.get(0).outcome().describe() + ")";
            return notJudged(err, what + ": is " + ClientCommand.URL + " where the client takes its URL? e.g. " + EXAMPLE);
        }
        if (ran.stream().noneMatch(CheckLine::judged)) {
            CheckLine wrong = ran.stream().filter(CheckLine::wrongMethod).findFirst().orElseThrow();
            return notJudged(err, "the command sent " + wrong.requests().get(0).facts().method() + " where the checks it ran need "
                    + wrong.method() + ": nothing was judged");
        }
        return ran.stream().anyMatch(line -> line.grade() == Grade.FAIL) ? EXIT_FAILED : EXIT_PASSED;
    }

    /** Why the checks after {@code check} did not run: the command hung there, and would again on each. */
    private static String hung(String check) {
        return "the command outran " + CheckOption.TIMEOUT.flag() + " on " + check + " without a request to the lab";
    }

    private static String notAskedFor(String check) {
        return InProcessLab.POST_CHECKS.contains(check)
                ? "not run: it needs a command that POSTs a body, e.g. check --checks " + check + " -- " + POST_EXAMPLE
                : "not run: not asked for (" + CheckOption.CHECKS.flag() + ")";
    }

    private static int notJudged(PrintWriter err, String message) {
        err.println(CommandLineHelp.oneLine(PREFIX + message));
        err.flush();
        return EXIT_NOT_JUDGED;
    }
}
