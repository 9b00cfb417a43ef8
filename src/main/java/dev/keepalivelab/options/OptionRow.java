package dev.keepalivelab.options;

import dev.keepalivelab.settings.Setting;

import java.util.ArrayList;
import java.util.List;

/**
 * One option of a command line: its flag, what it takes, and the text of its help.
 *
 * @param flag         the long flag, such as {@code --idle-timeout}
 * @param paramLabel   the name of its value in the usage, such as {@code idleTimeout}; unused for a {@link Arity#FLAG}
 * @param arity        whether it takes a value
 * @param description  what it does
 * @param allowed      its allowed values, as error messages say them
 * @param defaultValue its default, as text
 * @param equivalents  the controls of other servers it mirrors; empty for none
 */
public record OptionRow(String flag, String paramLabel, Arity arity, String description, String allowed, String defaultValue,
                        String equivalents) {

    /** What an option takes. */
    public enum Arity {
        /** A value: {@code --port 8080} or {@code --port=8080}. */
        VALUE,
        /** true or false, where the flag alone means true: {@code --no-keep-alive}, {@code --allow-faults=false}. */
        SWITCH,
        /** No value: the flag alone. */
        FLAG
    }

    /** An option of a subcommand that takes a value, with no equivalents. */
    public static OptionRow value(String flag, String paramLabel, String defaultValue, String allowed, String description) {
        return new OptionRow(flag, paramLabel, Arity.VALUE, description, allowed, defaultValue, "");
    }

    /** An option of a subcommand that is a flag alone, off unless given. */
    public static OptionRow flag(String flag, String description) {
        return new OptionRow(flag, null, Arity.FLAG, description, "a flag", "false", "");
    }

    /** The embedded main's flag for {@code setting}: its values as the flag takes them, a switch for true/false. */
    public static OptionRow of(Setting setting) {
        return new OptionRow(setting.flag(), setting.paramName(), setting.isSwitch() ? Arity.SWITCH : Arity.VALUE,
                setting.description(), setting.flagAllowedValues(), setting.defaultValue(), setting.equivalents());
    }

    /** The help's lines: what it does, then (where it takes a value) what it allows and its default, then what it is like. */
    List<String> helpLines() {
        List<String> lines = new ArrayList<>(List.of(escape(description)));
        if (arity != Arity.FLAG) {
            lines.add("Allowed: " + escape(allowed) + ".");
            lines.add("Default: " + (defaultValue.isEmpty() ? "(empty)" : escape(defaultValue)) + ".");
        }
        if (!equivalents.isEmpty()) {
            lines.add("Like: " + escape(equivalents) + ".");
        }
        return lines;
    }

    /** Picocli formats descriptions with String.format. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
