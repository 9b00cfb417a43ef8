package dev.keepalivelab.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the kinds of value settings take. Each throws {@link IllegalArgumentException}. */
public final class Values {
    public static final String OFF = "off";
    private static final Pattern GLOB = Pattern.compile("[!-+\\--~]+");

    private Values() {
    }

    public static int intInRange(String text, int min, int max) {
        if (!text.matches("\\d{1,10}")) {
            throw new IllegalArgumentException();
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException();
        }
        return (int) value;
    }

    /** The name of an environment variable as shells write it: letters, digits and {@code _}, not starting with a digit. */
    public static String environmentVariableName(String text) {
        if (!text.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException();
        }
        return text;
    }

    /** Comma-separated globs of visible ASCII without commas; empty for none. */
    public static List<String> globs(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> globs = Arrays.stream(text.split(",", -1)).map(String::trim).toList();
        if (!globs.stream().allMatch(glob -> GLOB.matcher(glob).matches())) {
            throw new IllegalArgumentException();
        }
        return globs;
    }

    /** A regular expression that compiles. */
    public static String regex(String text) {
        Pattern.compile(text); // PatternSyntaxException is an IllegalArgumentException
        return text;
    }

    /** Visible ASCII and spaces only, so a value can never split or end a header line. */
    public static String headerValue(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException();
            }
        }
        return text;
    }

    public static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        };
    }

    /** A host name or an IP address: visible ASCII, no spaces. Whether it resolves is for the start to find out. */
    public static String host(String text) {
        if (!text.matches("[!-~]+")) {
            throw new IllegalArgumentException();
        }
        return text;
    }

    /** A path the file system can name (not blank, no NUL). */
    public static String filePath(String text) {
        Path.of(nonBlank(text)); // InvalidPathException is an IllegalArgumentException
        return text;
    }

    public static String nonBlank(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException();
        }
        return text;
    }
}
