package dev.keepalivelab.cli;

import dev.keepalivelab.embedded.CommandLineHelp;
import dev.keepalivelab.embedded.LabVersion;
import dev.keepalivelab.server.TlsKeys;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.SettingSource;
import dev.keepalivelab.settings.Values;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** The embedded main's command line, built from {@link Setting}: one flag per setting, kebab-cased. */
public final class CommandLineOptions {
    static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    static final String AUTO = "auto";
    /**
     * How much sooner than the idle timeout {@code auto} tells clients to stop reusing a connection: a client counts
     * from when it read a response, the server from when it wrote it, and the next request takes time to arrive.
     */
    static final Duration AUTO_MARGIN = Duration.ofSeconds(1);

    /** Connector flags first, then the servlet's, each group in {@link Setting}'s order. */
    private static final List<Setting> FLAG_ORDER = Stream.concat(
            Setting.inScope(Setting.Scope.SERVER).stream(), Setting.inScope(Setting.Scope.SERVLET).stream()).toList();

    /** What the command line asks for: run the lab, or exit with a code after printing help, version or an error. */
    sealed interface Outcome permits Run, Exit {
    }

    record Run(LaunchConfig config) implements Outcome {
    }

    record Exit(int code) implements Outcome {
    }

    private CommandLineOptions() {
    }

    public static Outcome parse(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(spec());
        try {
            Arrays.stream(args).forEach(CommandLineOptions::requireValidAttachedSwitchValue);
            ParseResult result = commandLine.parseArgs(args);
            OptionalInt helpOrVersion = CommandLineHelp.helpOrVersion(commandLine, out);
            return helpOrVersion.isPresent() ? new Exit(helpOrVersion.getAsInt()) : new Run(toConfig(result));
        } catch (CommandLine.ParameterException e) {
            return usageError(commandLine, withAllowedValues(e), err);
        } catch (InvalidSettingException e) {
            return usageError(commandLine, e.getMessage(), err);
        }
    }

    /** Picocli's own errors about a flag's value (missing, or a value that looks like a flag) also say what is allowed. */
    private static String withAllowedValues(CommandLine.ParameterException e) {
        ArgSpec arg = e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                ? missing.getMissing().get(0) : e.getArgSpec();
        if (arg instanceof OptionSpec option) {
            return FLAG_ORDER.stream().filter(s -> s.flag().equals(option.longestName())).findFirst()
                    .map(s -> e.getMessage() + ": allowed is " + s.flagAllowedValues() + ".")
                    .orElse(e.getMessage());
        }
        return e.getMessage();
    }

    /**
     * Picocli reads a switch's attached value that looks like an option (such as {@code --allow-overrides=--}) as no
     * value at all, which would mean true; the lab refuses it as the invalid value it is.
     */
    private static void requireValidAttachedSwitchValue(String arg) {
        int equals = arg.indexOf('=');
        if (!arg.startsWith("--") || equals < 0) {
            return;
        }
        String flag = arg.substring(0, equals);
        String value = arg.substring(equals + 1);
        FLAG_ORDER.stream().filter(s -> s.isSwitch() && s.flag().equals(flag)).findFirst().ifPresent(s -> {
            try {
                Values.bool(value);
            } catch (IllegalArgumentException e) {
                throw InvalidSettingException.badValue(flag, value, s.flagAllowedValues());
            }
        });
    }

    private static Exit usageError(CommandLine commandLine, String message, PrintWriter err) {
        return new Exit(CommandLineHelp.usageError(commandLine, "keepalive-lab: " + message, err));
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create()
                .name("java -jar keepalive-lab.jar")
                .version("keepalive-lab " + LabVersion.get());
        // Picocli's own two, as mixinStandardHelpOptions would add them without reading its annotations (0.1 s of a start).
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        spec.usageMessage()
                .description("Serves a page of 20 images with the Connection policy you choose, on an embedded Jetty.",
                        "Each servlet setting is also an init-param of the WAR: --max-requests-per-connection is maxRequestsPerConnection.")
                .footer("", "Also: java -jar keepalive-lab.jar bench [URL] measures what keep-alive buys a page load"
                        + " (bench --help).")
                .abbreviateSynopsis(true)
                .sortOptions(false);
        for (Setting setting : FLAG_ORDER) {
            OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                    .paramLabel("<" + setting.paramName() + ">")
                    .type(String.class);
            if (setting.isSwitch()) {
                option.arity("0..1").fallbackValue("true");
            }
            List<String> description = new ArrayList<>(List.of(escape(setting.description()),
                    "Allowed: " + escape(setting.flagAllowedValues()) + ".",
                    "Default: " + (setting.defaultValue().isEmpty() ? "(empty)" : escape(setting.defaultValue())) + "."));
            if (!setting.equivalents().isEmpty()) {
                description.add("Like: " + escape(setting.equivalents()) + ".");
            }
            spec.addOption(option.description(description.toArray(String[]::new)).build());
        }
        return spec;
    }

    private static LaunchConfig toConfig(ParseResult result) {
        SettingSource flags = new SettingSource() {
            @Override
            public String valueOf(Setting setting) {
                return result.hasMatchedOption(setting.flag()) ? result.matchedOptionValue(setting.flag(), "") : null;
            }

            @Override
            public String nameOf(Setting setting) {
                return setting.flag();
            }

            @Override
            public String allowedValuesOf(Setting setting) {
                return setting.flagAllowedValues();
            }
        };
        ServerSettings server = ServerSettings.from(flags);
        LabSettings lab = LabSettings.from(resolvingAuto(flags, server.idleTimeout()));
        return new LaunchConfig(server, lab, TlsKeys.fromKeystore(server, System::getenv));
    }

    private static SettingSource resolvingAuto(SettingSource flags, Duration idleTimeout) {
        return new SettingSource() {
            @Override
            public String valueOf(Setting setting) {
                String value = flags.valueOf(setting);
                if (setting != Setting.KEEP_ALIVE_TIMEOUT || !AUTO.equals(value)) {
                    return value;
                }
                Duration advertised = autoKeepAliveTimeout(idleTimeout);
                if (advertised.compareTo(LabSettings.MIN_KEEP_ALIVE_TIMEOUT) < 0) {
                    throw new InvalidSettingException(setting.flag(), setting.flag() + " auto needs " + Setting.IDLE_TIMEOUT.flag()
                            + " of at least " + Values.format(LabSettings.MIN_KEEP_ALIVE_TIMEOUT.plus(AUTO_MARGIN))
                            + ", but it is " + Values.format(idleTimeout) + ".");
                }
                return Values.format(advertised);
            }

            @Override
            public String nameOf(Setting setting) {
                return flags.nameOf(setting);
            }

            @Override
            public String allowedValuesOf(Setting setting) {
                return flags.allowedValuesOf(setting);
            }
        };
    }

    /** The idle timeout less {@link #AUTO_MARGIN}, in whole seconds, rounded down: what {@code auto} advertises. */
    static Duration autoKeepAliveTimeout(Duration idleTimeout) {
        return Duration.ofSeconds(idleTimeout.minus(AUTO_MARGIN).toSeconds());
    }

    /** Picocli formats descriptions with String.format. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
