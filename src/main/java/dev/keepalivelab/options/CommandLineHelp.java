package dev.keepalivelab.options;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.OptionalInt;

/** What every command of the jar prints for help, version and usage errors, and the exit codes that follow. */
public final class CommandLineHelp {
    private CommandLineHelp() {
    }

    /** Prints the usage or the version to {@code out} if the parsed line asked for it, and returns exit code 0 then. */
    static OptionalInt helpOrVersion(CommandLine commandLine, PrintWriter out) {
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return OptionalInt.of(CommandLine.ExitCode.OK);
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            return OptionalInt.of(CommandLine.ExitCode.OK);
        }
        return OptionalInt.empty();
    }

    /**
     * Prints {@code message} and where the usage is to {@code err}, as GNU tools do (the whole usage would scroll the
     * message out of sight), and returns the usage exit code, 2.
     */
    static int usageError(CommandLine commandLine, String message, PrintWriter err) {
        err.println(oneLine(message));
        err.println(tryHelp(commandLine));
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** Picocli's messages quote what was typed, which may hold line breaks: escaped, the message stays one line. */
    public static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                line.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }

    /** The line after a usage error, e.g. {@code Try 'java -jar keepalive-lab.jar --help' for more.} */
    static String tryHelp(CommandLine commandLine) {
        return "Try '" + commandLine.getCommandName() + " --help' for more.";
    }
}
