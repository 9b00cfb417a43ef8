package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.page.PageLanguage;

/**
 * What a check found: a grade and one sentence naming what the lab saw, e.g. "the second request came on c4, a new
 * connection, after c3's Connection: close", worded in any of the card's languages.
 */
public record Verdict(Grade grade, Wording wording) {
    /** A check's grade, as the card's JSON writes it. */
    public enum Grade {
        /** The client did what the check asks. */
        PASS("pass"),
        /** The client did what the check forbids. */
        FAIL("fail"),
        /** The client went on, in a way a careful client does not (a POST resent, a cut response followed, a hint ignored). */
        WARNING("warning"),
        /** The lab saw the client stop where a correct client stops and where a broken one stops too: only the client knows why. */
        UNKNOWN("unknown"),
        /** The client never met what the check tests (it did not reuse, follow, wait, or speak the protocol): no grade. */
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

    /** The sentence in English, as the card's JSON writes it. */
    public String reason() {
        return wording.english();
    }

    /** The sentence in {@code language}. */
    public String reason(PageLanguage language) {
        return wording.in(language);
    }

    /** A verdict of {@code grade}, worded as the factory of that grade words it. */
    static Verdict of(Grade grade, String key, Object... args) {
        return switch (grade) {
            case NOT_APPLICABLE -> notApplicable(key, args);
            case NOT_RUN -> notRun(key, args);
            default -> new Verdict(grade, Wording.of(key, args));
        };
    }

    static Verdict pass(String key, Object... args) {
        return new Verdict(Grade.PASS, Wording.of(key, args));
    }

    static Verdict fail(String key, Object... args) {
        return new Verdict(Grade.FAIL, Wording.of(key, args));
    }

    static Verdict warning(String key, Object... args) {
        return new Verdict(Grade.WARNING, Wording.of(key, args));
    }

    static Verdict unknown(String key, Object... args) {
        return new Verdict(Grade.UNKNOWN, Wording.of(key, args));
    }

    static Verdict notApplicable(String key, Object... args) {
        return new Verdict(Grade.NOT_APPLICABLE, Wording.of("not-applicable", Wording.of(key, args)));
    }

    static Verdict notRun(String key, Object... args) {
        return new Verdict(Grade.NOT_RUN, Wording.of("not-run", Wording.of(key, args)));
    }
}
