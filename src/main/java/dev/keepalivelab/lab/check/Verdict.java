package dev.keepalivelab.lab.check;

/**
 * What a check found: a grade and one sentence naming what the lab saw, e.g. "the second request came on c4, a new
 * connection, after c3's Connection: close".
 */
public record Verdict(Grade grade, String reason) {
    /** A check's grade, as the card's JSON writes it. */
    public enum Grade {
        /** The client did what the check asks. */
        PASS("pass"),
        /** The client did what the check forbids. */
        FAIL("fail"),
        /** The client went on, in a way a careful client does not (a POST resent, a cut response followed). */
        WARNING("warning"),
        /** The lab saw the client stop where a correct client stops and where a broken one stops too: only the client knows why. */
        UNKNOWN("unknown"),
        /** The client never met what the check tests (it did not reuse, follow, or speak the protocol): no grade. */
        NOT_APPLICABLE("not-applicable"),
        /** The check did not run: not asked for, not reached, or not made by this lab. */
        NOT_RUN("not-run");

        private final String label;

        Grade(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static Verdict pass(String reason) {
        return new Verdict(Grade.PASS, reason);
    }

    static Verdict fail(String reason) {
        return new Verdict(Grade.FAIL, reason);
    }

    static Verdict warning(String reason) {
        return new Verdict(Grade.WARNING, reason);
    }

    static Verdict unknown(String reason) {
        return new Verdict(Grade.UNKNOWN, reason);
    }

    static Verdict notApplicable(String reason) {
        return new Verdict(Grade.NOT_APPLICABLE, "not applicable: " + reason);
    }

    static Verdict notRun(String reason) {
        return new Verdict(Grade.NOT_RUN, "not run: " + reason);
    }
}
