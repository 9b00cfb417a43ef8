package dev.keepalivelab.checkcmd;

import dev.keepalivelab.text.Durations;

import java.time.Duration;

/** What became of one run of the user's command: it exited with a status, or it outlived its time and was killed. */
sealed interface CommandOutcome {
    /** One line for the card: the exit status, or the time limit it outran. */
    String describe();

    /**
     * The command exited by itself.
     *
     * @param status   its exit status
     * @param lastLine the last line it printed (standard output and error together); empty for none
     */
    record Exited(int status, String lastLine) implements CommandOutcome {
        @Override
        public String describe() {
            return "exit status " + status + (status == 0 || lastLine.isEmpty() ? "" : ": " + lastLine);
        }
    }

    /** The command was still running at {@code limit}: it and every process it started were killed. */
    record TimedOut(Duration limit) implements CommandOutcome {
        @Override
        public String describe() {
            return "timed out after " + Durations.format(limit) + " (killed, with every process it started)";
        }
    }
}
