package dev.keepalivelab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest {
    static final String TRY_HELP = "Try 'java -jar keepalive-lab.jar bench --help' for more.";
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    BenchOptions.Outcome parse(String... args) {
        return BenchOptions.parse(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    BenchConfig run(String... args) {
        BenchOptions.Outcome outcome = parse(args);
        assertInstanceOf(BenchOptions.Run.class, outcome, () -> "stderr: " + err);
        return ((BenchOptions.Run) outcome).config();
    }

    @Test
    void noArgumentsMeansAnInProcessLabAndEveryDefault() {
        assertEquals(new BenchConfig(Optional.empty(), false, false, List.of(), 200, 50, 6, Duration.ZERO, Optional.empty(), false), run());
    }

    @Test
    void everyOptionSetsItsValue() {
        Path report = Path.of("target", "bench-options-test.html").toAbsolutePath();
        assertEquals(new BenchConfig(Optional.of(URI.create("https://localhost:8443/page?x=1")), false, true,
                        List.of(ClientMode.CLOSE_RESUMED, ClientMode.H2), 7, 0, 2, Duration.ofMillis(50), Optional.of(report), true),
                run("--rounds", "7", "--warmup", "0", "--parallel", "2", "--rtt", "50ms", "--json", "--insecure",
                        "--modes", "close-resumed,h2", "--report", "target/bench-options-test.html", "https://localhost:8443/page?x=1"));
    }

    @Test
    void tlsStartsTheInProcessLabOverHttps() {
        BenchConfig config = run("--tls", "--modes", "all");
        assertTrue(config.tls() && config.overTls() && config.modes().isEmpty(), config.toString());
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
            "http://localhost:8080, http://localhost:8080/",
            "HTTP://Example.test/a/b#top, http://Example.test/a/b",
            "http://127.0.0.1/?load=3&x=%20, http://127.0.0.1/?load=3&x=%20",
            "http://127.0.0.1:1, http://127.0.0.1:1/",
            "http://127.0.0.1:65535/x, http://127.0.0.1:65535/x",
            "http://[::1]:8080/, http://[::1]:8080/",
            "HTTPS://localhost:8443, https://localhost:8443/"})
    void urlsAreNormalisedToWhatTheClientRequests(String given, String expected) {
        assertEquals(Optional.of(URI.create(expected)), run(given).url());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --rounds   | 0      | Invalid value '0' for --rounds: allowed is an integer from 1 to 100000.
            --rounds   | many   | Invalid value 'many' for --rounds: allowed is an integer from 1 to 100000.
            --warmup   | -1     | Invalid value '-1' for --warmup: allowed is an integer from 0 to 100000.
            --parallel | 0      | Invalid value '0' for --parallel: allowed is an integer from 1 to 256.
            --parallel | 257    | Invalid value '257' for --parallel: allowed is an integer from 1 to 256.
            --rtt      | 50     | Invalid value '50' for --rtt: allowed is a duration from 0ms to 10s (e.g. 50ms).
            --rtt      | 11s    | Invalid value '11s' for --rtt: allowed is a duration from 0ms to 10s (e.g. 50ms).
            --modes    | http3  | Invalid value 'http3' for --modes: allowed is a comma-separated list of keep-alive, close, h2, close-resumed; or all.
            --modes    | ''     | Invalid value '' for --modes: allowed is a comma-separated list of keep-alive, close, h2, close-resumed; or all.
            --modes    | close,,h2 | Invalid value 'close,,h2' for --modes: allowed is a comma-separated list of keep-alive, close, h2, close-resumed; or all.
            --modes    | close,close | Invalid value 'close,close' for --modes: close is named twice.
            --report   | no-such-directory/r.html | Invalid value 'no-such-directory/r.html' for --report: the directory REPORT_DIRECTORY does not exist.
            --report   | target | Invalid value 'target' for --report: it is a directory; give a file name.
            """)
    void badValuesExit2WithMessageAndWhereHelpIs(String option, String value, String message) {
        assertUsageError(message.replace("REPORT_DIRECTORY", Path.of("no-such-directory").toAbsolutePath().toString()), option, value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ftp://example.test/      | Invalid URL 'ftp://example.test/': it does not start with http:// or https://; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            localhost:8080           | Invalid URL 'localhost:8080': it does not start with http:// or https://; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http:index.html          | Invalid URL 'http:index.html': it does not start with http:// or https://; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            /index.html              | Invalid URL '/index.html': it does not start with http:// or https://; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http:///nohost           | Invalid URL 'http:///nohost': it has no host; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http:/index.html         | Invalid URL 'http:/index.html': it has no host; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http://:8080/            | Invalid URL 'http://:8080/': its host or port is not valid (expected hostname); give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http://a_b/              | Invalid URL 'http://a_b/': its host or port is not valid (illegal character in hostname); give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http://a b/              | Invalid URL 'http://a b/': it is not a valid URL (illegal character in authority); give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http://127.0.0.1:99999/  | Invalid URL 'http://127.0.0.1:99999/': port 99999 is out of range 1 to 65535; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http://127.0.0.1:65536/  | Invalid URL 'http://127.0.0.1:65536/': port 65536 is out of range 1 to 65535; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http://127.0.0.1:0/      | Invalid URL 'http://127.0.0.1:0/': port 0 is out of range 1 to 65535; give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http://h:99999999999/    | Invalid URL 'http://h:99999999999/': its host or port is not valid (malformed port number); give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            http://h:abc/            | Invalid URL 'http://h:abc/': its host or port is not valid (illegal character in port number); give an absolute URL such as http://localhost:8080/ or https://localhost:8443/.
            """)
    void badUrlsExit2WithMessageAndWhereHelpIs(String url, String message) {
        assertUsageError(message, url);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --tls http://127.0.0.1:8080/x        | --tls starts an in-process lab over HTTPS and takes no URL: give an https:// URL alone to bench a running server over TLS.
            --insecure http://127.0.0.1:8080/    | --insecure needs an https:// URL or --tls: it skips the certificate check, and http:// has no certificate.
            --insecure                           | --insecure needs an https:// URL or --tls: it skips the certificate check, and http:// has no certificate.
            --modes close-resumed                | close-resumed in --modes needs TLS: give an https:// URL or --tls.
            --modes h2,close-resumed http://h/   | close-resumed in --modes needs TLS: give an https:// URL or --tls.
            """)
    void optionsThatContradictEachOtherExit2(String args, String message) {
        assertUsageError(message, args.split(" "));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertUsageError("Unknown option: '--rounds-per-mode=3'", "--rounds-per-mode=3");
    }

    @Test
    void aSecondUrlIsAUsageError() {
        assertUsageError("Unmatched argument at index 1: 'http://b/'", "http://a/", "http://b/");
    }

    @Test
    void helpListsEveryOptionWithItsAllowedValuesAndDefault() {
        assertEquals(new BenchOptions.Exit(0), parse("--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        for (BenchOption option : BenchOption.values()) {
            assertTrue(help.contains(option.flag()), option.flag() + " in " + help);
            if (option.takesValue()) {
                assertTrue(help.contains("Allowed: " + option.allowedValues() + "."), option + " allowed values");
                assertTrue(help.contains("Default: " + option.defaultValue() + "."), option + " default");
            }
        }
        assertTrue(help.startsWith("Usage: java -jar keepalive-lab.jar bench"), help);
        assertEquals("", err.toString());
    }

    void assertUsageError(String message, String... args) {
        assertEquals(new BenchOptions.Exit(2), parse(args));
        assertEquals("keepalive-lab bench: " + message + System.lineSeparator() + TRY_HELP + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }
}
