package dev.keepalivelab.text;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as settings, faults and the bench write them: a whole number with a unit. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {
    }

    /** A whole number with a unit: {@code 1500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
    public static Duration parse(String text, Duration min) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException();
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    /**
     * Renders a duration the way settings are written, in the largest unit that holds it whole, e.g. {@code 30s},
     * {@code 1500ms} or {@code 2m}, so that the text never has more digits than the value it was parsed from.
     */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
