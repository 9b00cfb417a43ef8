package dev.keepalivelab.checkcmd;

import java.util.Optional;

/**
 * One line of the card: a check, the lab's verdict and why.
 *
 * @param check     the check's name
 * @param verdict   what the lab judged
 * @param reason    why, in one line
 * @param userAgent the client as the lab saw it (its User-Agent); empty when it made no request or sent none
 * @param requests  how many requests the run's chain saw
 * @param outcome   how the command ended
 */
record CheckLine(String check, Verdict verdict, String reason, Optional<String> userAgent, int requests, CommandOutcome outcome) {
    /** What the lab judged. */
    enum Verdict {
        PASS("pass"), WARN("warn"), FAIL("fail"), NOT_APPLICABLE("not applicable");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }
}
