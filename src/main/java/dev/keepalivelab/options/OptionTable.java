package dev.keepalivelab.options;

import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.Values;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A command of the jar built from a table of {@link OptionRow}s: its picocli model, and one way to parse it that prints
 * help and version, and refuses a usage error with one line and where the help is (exit code 2).
 */
public final class OptionTable {
    private final CommandSpec spec;
    private final String errorPrefix;
    private final Map<String, OptionRow> rows = new LinkedHashMap<>();
    private boolean valueErrorsSayAllowed;

    private OptionTable(CommandSpec spec, String errorPrefix) {
        this.spec = spec;
        this.errorPrefix = errorPrefix;
    }

    /**
     * A command named {@code name} (as its usage shows it), whose usage errors start with {@code errorPrefix}, with
     * picocli's {@code --help} and {@code --version} added as mixinStandardHelpOptions would add them, but without
     * reading its annotations by reflection (0.1 s of a one-core start).
     */
    public static OptionTable command(String name, String errorPrefix, String... description) {
        CommandSpec spec = CommandSpec.create().name(name).version("keepalive-lab " + LabVersion.get());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        spec.usageMessage().description(description).sortOptions(false);
        return new OptionTable(spec, errorPrefix);
    }

    /** The picocli model, for what only one command has (positional parameters, a footer). */
    public CommandSpec spec() {
        return spec;
    }

    public OptionTable add(OptionRow row) {
        OptionSpec.Builder option = OptionSpec.builder(row.flag()).description(row.helpLines().toArray(String[]::new));
        switch (row.arity()) {
            case VALUE -> option.paramLabel("<" + row.paramLabel() + ">").type(String.class);
            case SWITCH -> option.paramLabel("<" + row.paramLabel() + ">").type(String.class).arity("0..1").fallbackValue("true");
            case FLAG -> option.arity("0").type(boolean.class);
        }
        spec.addOption(option.build());
        rows.put(row.flag(), row);
        return this;
    }

    /** Picocli's own errors about an option's value (missing, or one that looks like a flag) also say what is allowed. */
    public OptionTable valueErrorsSayAllowed() {
        valueErrorsSayAllowed = true;
        return this;
    }

    /** The text given for {@code flag}, an option that takes a value, if it was given. */
    public static Optional<String> given(ParseResult result, String flag) {
        return result.hasMatchedOption(flag) ? Optional.of(result.matchedOptionValue(flag, "")) : Optional.empty();
    }

    /**
     * Parses {@code args}: {@code read} makes the command's configuration, and may refuse it with an
     * {@link InvalidSettingException} or a {@link UsageError}. Help and version are printed to {@code out}, a usage error
     * to {@code err}; both end in {@code exit} with the process's exit code.
     */
    public <C, O> O parse(String[] args, PrintWriter out, PrintWriter err, Function<ParseResult, C> read, Function<C, O> run,
                          IntFunction<O> exit) {
        CommandLine commandLine = new CommandLine(spec);
        try {
            Arrays.stream(args).forEach(this::requireValidAttachedSwitchValue);
            ParseResult result = commandLine.parseArgs(args);
            OptionalInt helpOrVersion = CommandLineHelp.helpOrVersion(commandLine, out);
            return helpOrVersion.isPresent() ? exit.apply(helpOrVersion.getAsInt()) : run.apply(read.apply(result));
        } catch (CommandLine.ParameterException e) {
            return exit.apply(CommandLineHelp.usageError(commandLine, errorPrefix + explain(e), err));
        } catch (InvalidSettingException | UsageError e) {
            return exit.apply(CommandLineHelp.usageError(commandLine, errorPrefix + e.getMessage(), err));
        }
    }

    private String explain(CommandLine.ParameterException e) {
        ArgSpec arg = e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                ? missing.getMissing().get(0) : e.getArgSpec();
        if (valueErrorsSayAllowed && arg instanceof OptionSpec option && rows.containsKey(option.longestName())) {
            return e.getMessage() + ": allowed is " + rows.get(option.longestName()).allowed() + ".";
        }
        return e.getMessage();
    }

    /**
     * Picocli reads a switch's attached value that looks like an option (such as {@code --allow-overrides=--}) as no
     * value at all, which would mean true; it is refused as the invalid value it is.
     */
    private void requireValidAttachedSwitchValue(String arg) {
        int equals = arg.indexOf('=');
        if (!arg.startsWith("--") || equals < 0) {
            return;
        }
        OptionRow row = rows.get(arg.substring(0, equals));
        String value = arg.substring(equals + 1);
        if (row != null && row.arity() == OptionRow.Arity.SWITCH) {
            try {
                Values.bool(value);
            } catch (IllegalArgumentException e) {
                throw InvalidSettingException.badValue(row.flag(), value, row.allowed());
            }
        }
    }
}
