package dev.keepalivelab.checkcmd;

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
    static final int EXIT_PASSED = 0;
    static final int EXIT_FAILED = 1;
    /** A usage error, a command that cannot start or never made a request, or a lab that cannot start: nothing was judged. */
    static final int EXIT_NOT_JUDGED = 2;

    /** Starts the lab the checks run on. */
    interface Labs {
        CheckLab start() throws Exception;
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
        try (CheckLab lab = labs.start()) {
            for (String check : config.checks()) {
                CheckLab.CheckRun run = lab.start(check);
                CommandOutcome ended = CommandRunner.run(config.command().forUrl(run.url()), config.timeout());
                lines.add(CommandVerdicts.judge(run.finish(ended)));
            }
        } catch (CommandRunner.CannotStart e) {
            return notJudged(err, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notJudged(err, "interrupted");
        } catch (Exception e) {
            return notJudged(err, "cannot run the checks: " + e);
        }
        out.println(config.json() ? CardJson.render(config.command(), lines) : CardTable.render(config.command(), lines));
        out.flush();
        if (lines.stream().allMatch(line -> line.requests() == 0)) {
            return notJudged(err, "the command made no request to the lab in any check (" + lines.get(0).outcome().describe()
                    + "): is " + ClientCommand.URL + " where the client takes its URL? e.g. " + EXAMPLE);
        }
        return lines.stream().anyMatch(line -> line.verdict() == CheckLine.Verdict.FAIL) ? EXIT_FAILED : EXIT_PASSED;
    }

    private static int notJudged(PrintWriter err, String message) {
        err.println(CommandLineHelp.oneLine(PREFIX + message));
        err.flush();
        return EXIT_NOT_JUDGED;
    }
}
