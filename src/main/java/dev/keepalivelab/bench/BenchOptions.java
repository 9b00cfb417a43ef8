package dev.keepalivelab.bench;

import dev.keepalivelab.options.OptionTable;
import dev.keepalivelab.options.UsageError;
import dev.keepalivelab.settings.Values;
import dev.keepalivelab.text.Durations;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    private BenchOptions() {
    }

    static Outcome parse(String[] args, PrintWriter out, PrintWriter err) {
        return table().parse(args, out, err, BenchOptions::toConfig, Run::new, Exit::new);
    }

    static OptionTable table() {
        OptionTable table = OptionTable.command(NAME, BenchCommand.PREFIX,
                "Loads a page and its images the way a browser does, round by round under each client mode:"
                        + " reusing connections (keep-alive), a new connection per request (close), one HTTP/2 connection"
                        + " (h2) and, over TLS, a new connection per request that resumes the TLS session (close-resumed)."
                        + " Prints what each buys: page-load time, connections per page load, requests per connection and"
                        + " TLS handshakes.");
        table.spec().addPositional(PositionalParamSpec.builder()
                .paramLabel("URL")
                .arity("0..1")
                .type(String.class)
                .description("The page to load: an absolute http:// or https:// URL. Without one, bench starts the lab"
                        + " in-process on a free loopback port (over HTTPS with --tls) and loads its page.")
                .build());
        Arrays.stream(BenchOption.values()).forEach(option -> table.add(option.row()));
        return table;
    }

    private static BenchConfig toConfig(ParseResult result) {
        Optional<URI> url = result.hasMatchedPositional(0)
                ? Optional.of(pageUrl(result.matchedPositionalValue(0, "")))
                : Optional.empty();
        boolean tls = result.hasMatchedOption(BenchOption.TLS.flag());
        boolean insecure = result.hasMatchedOption(BenchOption.INSECURE.flag());
        if (tls && url.isPresent()) {
            throw new UsageError(BenchOption.TLS.flag() + " starts an in-process lab over HTTPS and takes no URL: give an https:// URL"
                    + " alone to bench a running server over TLS.");
        }
        boolean overTls = BenchConfig.overTls(tls, url);
        if (insecure && !overTls) {
            throw new UsageError(BenchOption.INSECURE.flag() + " needs an https:// URL or " + BenchOption.TLS.flag()
                    + ": it skips the certificate check, and http:// has no certificate.");
        }
        List<ClientMode> modes = value(result, BenchOption.MODES, BenchOptions::modes);
        if (modes.contains(ClientMode.CLOSE_RESUMED) && !overTls) {
            throw new UsageError(ClientMode.CLOSE_RESUMED.label() + " in " + BenchOption.MODES.flag() + " needs TLS: give an https:// URL or "
                    + BenchOption.TLS.flag() + ".");
        }
        return new BenchConfig(url, tls, insecure, modes,
                value(result, BenchOption.ROUNDS, t -> Values.intInRange(t, 1, 100_000)),
                value(result, BenchOption.WARMUP, t -> Values.intInRange(t, 0, 100_000)),
                value(result, BenchOption.PARALLEL, t -> Values.intInRange(t, 1, 256)),
                value(result, BenchOption.RTT, BenchOptions::rtt),
                OptionTable.given(result, BenchOption.REPORT.flag()).map(BenchOptions::report),
                result.hasMatchedOption(BenchOption.JSON.flag()));
    }

    /** The modes named, in order; {@code all} (the default) is the empty list: every mode the target supports. */
    private static List<ClientMode> modes(String text) {
        if (text.equals("all")) {
            return List.of();
        }
        Set<ClientMode> modes = new LinkedHashSet<>();
        for (String label : text.split(",", -1)) {
            ClientMode mode = ClientMode.byLabel(label.strip());
            if (!modes.add(mode)) {
                throw new UsageError("Invalid value '" + text + "' for " + BenchOption.MODES.flag() + ": " + mode.label() + " is named twice.");
            }
        }
        return List.copyOf(modes);
    }

    private static Path report(String text) {
        Path file;
        try {
            file = Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new UsageError("Invalid value '" + text + "' for " + BenchOption.REPORT.flag() + ": it is not a valid path (" + e.getReason() + ").");
        }
        if (Files.isDirectory(file)) {
            throw new UsageError("Invalid value '" + text + "' for " + BenchOption.REPORT.flag() + ": it is a directory; give a file name.");
        }
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UsageError("Invalid value '" + text + "' for " + BenchOption.REPORT.flag() + ": the directory " + directory
                    + " does not exist.");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(directory)) {
            throw new UsageError("Invalid value '" + text + "' for " + BenchOption.REPORT.flag() + ": "
                    + (Files.exists(file) ? "the file" : "the directory " + directory) + " is not writable.");
        }
        return file;
    }

    private static <T> T value(ParseResult result, BenchOption option, Function<String, T> parser) {
        String text = OptionTable.given(result, option.flag()).orElse(option.defaultValue());
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError("Invalid value '" + text + "' for " + option.flag() + ": allowed is " + option.allowedValues() + ".");
        }
    }

    private static Duration rtt(String text) {
        Duration rtt = Durations.parse(text, Duration.ZERO);
        if (rtt.compareTo(MAX_RTT) > 0) {
            throw new IllegalArgumentException();
        }
        return rtt;
    }

    /** An absolute http or https URL with a host and a port from 1 to 65535; an empty path becomes {@code /} and a fragment is dropped. */
    static URI pageUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalidUrl(text, "it is not a valid URL (" + lowerCaseFirst(e.getReason()) + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.isOpaque()) {
            throw invalidUrl(text, "it does not start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw invalidUrl(text, uri.getRawAuthority() == null ? "it has no host" : hostOrPortProblem(uri));
        }
        if (uri.getPort() != -1 && (uri.getPort() < MIN_PORT || uri.getPort() > MAX_PORT)) {
            throw invalidUrl(text, "port " + uri.getPort() + " is out of range " + MIN_PORT + " to " + MAX_PORT);
        }
        try {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI(scheme + "://" + uri.getRawAuthority() + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
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
        return new UsageError("Invalid URL '" + text + "': " + problem + "; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.");
    }
}
