package dev.keepalivelab.options;

import dev.keepalivelab.settings.Values;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The command lines that need no parser, read as picocli reads them: every argument a known option given once, as
 * {@code --flag=value}, {@code --flag value}, or a switch alone (true). Anything else (help, version, a positional
 * argument, a short or unknown option, a repeated one, a value that is empty, starts with {@code -} or {@code @} or
 * holds a double quote (picocli trims quotes where {@code picocli.trimQuotes} is set), a switch's value other than true
 * or false) is left to {@link OptionTable}, which reads, explains or refuses it. Picocli's
 * classes predate Java 6's class files, so the AOT cache cannot hold them: loading them is a tenth of a second of a
 * one-core start.
 */
public final class PlainArgs {
    private PlainArgs() {
    }

    /** Each option's text by its flag, a switch given alone as {@code true}; empty where {@code args} are not plain. */
    public static Optional<Map<String, String>> read(String[] args, Map<String, OptionRow.Arity> options) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String flag = equals < 0 ? arg : arg.substring(0, equals);
            OptionRow.Arity arity = options.get(flag);
            if (arity == null || arity == OptionRow.Arity.FLAG || given.containsKey(flag)) {
                return Optional.empty();
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (arity == OptionRow.Arity.SWITCH) {
                value = "true"; // an argument after it that is not an option is not plain: picocli may read it as the value
            } else {
                value = ++i < args.length ? args[i] : null;
            }
            if (value == null || value.isEmpty() || value.startsWith("-") || value.startsWith("@") || value.contains("\"")
                    || arity == OptionRow.Arity.SWITCH && !isBoolean(value)) {
                return Optional.empty();
            }
            given.put(flag, value);
        }
        return Optional.of(given);
    }

    /** As a switch's value is checked everywhere: {@link Values#bool}. */
    private static boolean isBoolean(String value) {
        try {
            Values.bool(value);
            return true;
        } catch (IllegalArgumentException notBoolean) {
            return false;
        }
    }
}
