package dev.keepalivelab.bench;

import dev.keepalivelab.embedded.CommandLineHelp;
import dev.keepalivelab.embedded.LabVersion;
import dev.keepalivelab.settings.Values;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** The command line of {@code bench}, built from {@link BenchOption}. */
final class BenchOptions {
    static final String NAME = "java -jar keepalive-lab.jar bench";
    static final Duration MAX_RTT = Duration.ofSeconds(10);
    static final int MIN_PORT = 1;
    static final int MAX_PORT = 65535;

    /** What the command line asks for: a bench run, or an exit after printing help, version or an error. */
    sealed interface Outcome permits Run, Exit {
    }

    record Run(BenchConfig config) implements Outcome {
    }

    record Exit(int code) implements Outcome {
    }

    /** A value the command line does not allow; its message is shown above the usage. */
    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    private BenchOptions() {
    }

    static Outcome parse(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(spec());
        try {
            ParseResult result = commandLine.parseArgs(args);
            OptionalInt helpOrVersion = CommandLineHelp.helpOrVersion(commandLine, out);
            return helpOrVersion.isPresent() ? new Exit(helpOrVersion.getAsInt()) : new Run(toConfig(result));
        } catch (CommandLine.ParameterException | UsageError e) {
            return new Exit(CommandLineHelp.usageError(commandLine, BenchCommand.PREFIX + e.getMessage(), err));
        }
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create()
                .name(NAME)
                .version("keepalive-lab " + LabVersion.get())
                .mixinStandardHelpOptions(true);
        spec.usageMessage()
                .description("Loads a page and its images the way a browser does, round by round under two client modes:"
                                + " reusing connections (keep-alive) and a new connection per request (Connection: close). Prints"
                                + " what keep-alive buys: page-load time, connections per page load and requests per connection.")
                .sortOptions(false);
        spec.addPositional(PositionalParamSpec.builder()
                .paramLabel("URL")
                .arity("0..1")
                .type(String.class)
                .description("The page to load: an absolute http:// URL. Without one, bench starts the lab in-process on a free"
                        + " loopback port and loads its page.")
                .build());
        for (BenchOption option : BenchOption.values()) {
            OptionSpec.Builder builder = OptionSpec.builder(option.flag())
                    .description(escape(option.description()));
            if (option.takesValue()) {
                builder.paramLabel("<" + option.paramLabel() + ">")
                        .type(String.class)
                        .description(escape(option.description()), "Allowed: " + escape(option.allowedValues()) + ".",
                                "Default: " + option.defaultValue() + ".");
            } else {
                builder.arity("0").type(boolean.class);
            }
            spec.addOption(builder.build());
        }
        return spec;
    }

    private static BenchConfig toConfig(ParseResult result) {
        Optional<URI> url = result.hasMatchedPositional(0)
                ? Optional.of(pageUrl(result.matchedPositionalValue(0, "")))
                : Optional.empty();
        return new BenchConfig(url,
                value(result, BenchOption.ROUNDS, t -> Values.intInRange(t, 1, 100_000)),
                value(result, BenchOption.WARMUP, t -> Values.intInRange(t, 0, 100_000)),
                value(result, BenchOption.PARALLEL, t -> Values.intInRange(t, 1, 256)),
                value(result, BenchOption.RTT, BenchOptions::rtt),
                result.hasMatchedOption(BenchOption.JSON.flag()));
    }

    private static <T> T value(ParseResult result, BenchOption option, dev.keepalivelab.settings.ValueParser<T> parser) {
        String text = result.hasMatchedOption(option.flag()) ? result.matchedOptionValue(option.flag(), "") : option.defaultValue();
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError("Invalid value '" + text + "' for " + option.flag() + ": allowed is " + option.allowedValues() + ".");
        }
    }

    private static Duration rtt(String text) {
        Duration rtt = Values.duration(text, Duration.ZERO);
        if (rtt.compareTo(MAX_RTT) > 0) {
            throw new IllegalArgumentException();
        }
        return rtt;
    }

    /** An absolute http URL with a host and a port from 1 to 65535; an empty path becomes {@code /} and a fragment is dropped. */
    static URI pageUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalidUrl(text, "it is not a valid URL (" + lowerCaseFirst(e.getReason()) + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            throw new UsageError("https is not supported: give an http:// URL (the bench emulates TCP round trips, not TLS).");
        }
        if (!scheme.equals("http") || uri.isOpaque()) {
            throw invalidUrl(text, "it does not start with http://");
        }
        if (uri.getHost() == null) {
            throw invalidUrl(text, uri.getRawAuthority() == null ? "it has no host" : hostOrPortProblem(uri));
        }
        if (uri.getPort() != -1 && (uri.getPort() < MIN_PORT || uri.getPort() > MAX_PORT)) {
            throw invalidUrl(text, "port " + uri.getPort() + " is out of range " + MIN_PORT + " to " + MAX_PORT);
        }
        try {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI("http://" + uri.getRawAuthority() + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw invalidUrl(text, "it is not a valid URL (" + lowerCaseFirst(e.getReason()) + ")");
        }
    }

    /** Why an authority that {@link URI} kept as registry-based is not a host with an optional port. */
    private static String hostOrPortProblem(URI uri) {
        try {
            uri.parseServerAuthority();
            return "it has no host";
        } catch (URISyntaxException e) {
            return "its host or port is not valid (" + lowerCaseFirst(e.getReason()) + ")";
        }
    }

    private static String lowerCaseFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static UsageError invalidUrl(String text, String problem) {
        return new UsageError("Invalid URL '" + text + "': " + problem + "; give an absolute http:// URL such as http://localhost:8080/.");
    }

    /** Picocli formats descriptions with String.format. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
