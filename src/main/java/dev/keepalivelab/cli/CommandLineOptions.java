package dev.keepalivelab.cli;

import dev.keepalivelab.options.OptionRow;
import dev.keepalivelab.options.OptionTable;
import dev.keepalivelab.options.PlainArgs;
import dev.keepalivelab.server.TlsKeys;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.SettingSource;
import dev.keepalivelab.text.Durations;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    static final Map<String, OptionRow.Arity> ARITIES = FLAG_ORDER.stream().map(OptionRow::of)
            .collect(Collectors.toUnmodifiableMap(OptionRow::flag, OptionRow::arity));

    /** What the command line asks for: run the lab, or exit with a code after printing help, version or an error. */
    sealed interface Outcome permits Run, Exit {
    }

    record Run(LaunchConfig config) implements Outcome {
    }

    record Exit(int code) implements Outcome {
    }

    private CommandLineOptions() {
    }

    /** Plain valid flags start the lab without picocli; the rest, help and every refusal included, go through it. */
    public static Outcome parse(String[] args, PrintWriter out, PrintWriter err) {
        Optional<LaunchConfig> plain = PlainArgs.read(args, ARITIES).flatMap(CommandLineOptions::validConfig);
        return plain.isPresent() ? new Run(plain.get()) : parseWithPicocli(args, out, err);
    }

    static Outcome parseWithPicocli(String[] args, PrintWriter out, PrintWriter err) {
        return table().parse(args, out, err, result -> toConfig(flag -> OptionTable.given(result, flag).orElse(null)), Run::new,
                Exit::new);
    }

    private static Optional<LaunchConfig> validConfig(Map<String, String> given) {
        try {
            return Optional.of(toConfig(given::get));
        } catch (InvalidSettingException refused) {
            return Optional.empty(); // picocli's parse refuses it again, and says where the help is
        }
    }

    static OptionTable table() {
        OptionTable table = OptionTable.command("java -jar keepalive-lab.jar", "keepalive-lab: ",
                        "Serves a page of 20 images with the Connection policy you choose, on an embedded Jetty.",
                        "Each servlet setting is also an init-param of the WAR: --max-requests-per-connection is maxRequestsPerConnection.")
                .valueErrorsSayAllowed();
        table.spec().usageMessage()
                .footer("", "Also: java -jar keepalive-lab.jar bench [URL] measures what keep-alive buys a page load"
                        + " (bench --help); java -jar keepalive-lab.jar check -- COMMAND {url} grades an HTTP client's"
                        + " connection handling (check --help).")
                .abbreviateSynopsis(true);
        FLAG_ORDER.forEach(setting -> table.add(OptionRow.of(setting)));
        return table;
    }

    /** {@code given} is the text given for a flag, or null. */
    private static LaunchConfig toConfig(Function<String, String> given) {
        SettingSource flags = new SettingSource() {
            @Override
            public String valueOf(Setting setting) {
                return given.apply(setting.flag());
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
                            + " of at least " + Durations.format(LabSettings.MIN_KEEP_ALIVE_TIMEOUT.plus(AUTO_MARGIN))
                            + ", but it is " + Durations.format(idleTimeout) + ".");
                }
                return Durations.format(advertised);
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
}
