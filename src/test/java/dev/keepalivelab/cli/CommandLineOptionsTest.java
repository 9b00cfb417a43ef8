package dev.keepalivelab.cli;

import dev.keepalivelab.settings.ControlAccess;
import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.Engine;
import dev.keepalivelab.fault.FaultSelector;
import dev.keepalivelab.options.PlainArgs;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineOptionsTest {
    /** The line after a usage error's message, spelt out here so that a change to it fails a test. */
    static final String TRY_HELP = "Try 'java -jar keepalive-lab.jar --help' for more.";
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    CommandLineOptions.Outcome parse(String... args) {
        return CommandLineOptions.parse(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    LaunchConfig run(String... args) {
        CommandLineOptions.Outcome outcome = parse(args);
        assertInstanceOf(CommandLineOptions.Run.class, outcome, () -> "stderr: " + err);
        return ((CommandLineOptions.Run) outcome).config();
    }

    @Test
    void noFlagsMeansEveryDefault() {
        LaunchConfig config = run();
        assertEquals(new ServerSettings("0.0.0.0", 8080, OptionalInt.empty(), OptionalInt.empty(), true, 128, Optional.empty(),
                Optional.empty(), Duration.ofSeconds(30), Optional.empty(), false, 0, Optional.empty(), Engine.CORE), config.server());
        assertEquals(LabSettings.defaults(), config.lab());
    }

    /** The start without picocli reads each flag, given its default in either form, as picocli's parse does. */
    @Test
    void everyFlagGivenPlainlyReadsAsPicocliReadsIt() {
        for (Setting setting : Setting.values()) {
            if (setting.scope() == Setting.Scope.SERVER || setting.scope() == Setting.Scope.SERVLET) {
                String value = setting.defaultValue();
                for (String[] args : List.of(new String[] {setting.flag(), value}, new String[] {setting.flag() + "=" + value})) {
                    boolean switchValueApart = setting.isSwitch() && args.length == 2; // picocli may read it as the value
                    assertEquals(!value.isEmpty() && !value.startsWith("-") && !switchValueApart, PlainArgs.read(args, CommandLineOptions.ARITIES).isPresent(),
                            String.join(" ", args));
                    assertEquals(CommandLineOptions.parseWithPicocli(args, new PrintWriter(out, true), new PrintWriter(err, true)),
                            parse(args), String.join(" ", args));
                }
            }
        }
        assertEquals("", err.toString());
    }

    @Test
    void everyFlagSetsItsSetting() {
        LaunchConfig config = run("--port", "0", "--host", "127.0.0.1", "--https-port", "8443", "--http2", "off",
                "--max-concurrent-streams", "16", "--idle-timeout", "1500ms", "--access-log", "-",
                "--request-timeout", "10s", "--no-keep-alive", "--max-connections", "500", "--engine", "servlet",
                "--connection", "close", "--page-connection", "keep-alive", "--max-requests-per-connection", "5",
                "--max-connection-age", "1m", "--close-paths", "test11*.jpg,/", "--keep-alive-disable", "MSIE [56]",
                "--keep-alive-timeout", "1s", "--cache-control=", "--connection-headers", "false",
                "--allow-overrides=false", "--history-size", "10");
        assertEquals(new ServerSettings("127.0.0.1", 0, OptionalInt.of(8443), OptionalInt.empty(), false, 16, Optional.empty(),
                Optional.empty(), Duration.ofMillis(1500), Optional.of(Duration.ofSeconds(10)), true, 500, Optional.of("-"),
                Engine.SERVLET), config.server());
        assertEquals(new LabSettings(ConnectionPolicy.CLOSE, ConnectionPolicy.KEEP_ALIVE, 5, Optional.of(Duration.ofMinutes(1)),
                        List.of("test11*.jpg", "/"), Optional.of("MSIE [56]"), Optional.of(Duration.ofSeconds(1)), "",
                        false, false, true, Optional.empty(), FaultSelector.ALL, 10, ControlAccess.LOOPBACK),
                config.lab());
    }

    @ParameterizedTest(name = "--keep-alive-timeout auto with --idle-timeout {0} advertises {1}")
    @CsvSource({"30s, 29s", "2s, 1s", "2999ms, 1s", "3s, 2s", "2m, 119s", "1h, 3599s"})
    void autoAdvertisesTheIdleTimeoutLessOneSecondInWholeSeconds(String idleTimeout, String expected) {
        LaunchConfig config = run("--idle-timeout", idleTimeout, "--keep-alive-timeout", "auto");
        assertEquals(expected, config.lab().valueOf(Setting.KEEP_ALIVE_TIMEOUT));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --connection                  | bogus | Invalid value 'bogus' for --connection: allowed is keep-alive, close or default.
            --page-connection             | Close | Invalid value 'Close' for --page-connection: allowed is keep-alive, close or default.
            --max-requests-per-connection | -3    | Invalid value '-3' for --max-requests-per-connection: allowed is an integer from 0 to 2147483647.
            --keep-alive-timeout          | soon  | Invalid value 'soon' for --keep-alive-timeout: allowed is off, or a duration of at least 1s (such as 5s, 1500ms), or auto (advertise --idle-timeout minus 1s, rounded down to whole seconds; needs --idle-timeout of at least 2s).
            --port                        | 65536 | Invalid value '65536' for --port: allowed is an integer from 0 to 65535 (0 picks a free port).
            --port                        | http  | Invalid value 'http' for --port: allowed is an integer from 0 to 65535 (0 picks a free port).
            --idle-timeout                | 0ms   | Invalid value '0ms' for --idle-timeout: allowed is a duration of at least 1ms (such as 30s, 1500ms, 2m).
            --idle-timeout                | 30    | Invalid value '30' for --idle-timeout: allowed is a duration of at least 1ms (such as 30s, 1500ms, 2m).
            --host                        | ' '   | Invalid value ' ' for --host: allowed is a host name or IP address to listen on.
            --host                        | 'lab host' | Invalid value 'lab host' for --host: allowed is a host name or IP address to listen on.
            --max-connections             | -1    | Invalid value '-1' for --max-connections: allowed is an integer from 0 to 2147483647.
            --max-connections             | lots  | Invalid value 'lots' for --max-connections: allowed is an integer from 0 to 2147483647.
            """)
    void badValuesExit2WithMessageAndWhereHelpIs(String flag, String value, String message) {
        CommandLineOptions.Outcome outcome = parse(flag, value);
        assertEquals(new CommandLineOptions.Exit(2), outcome);
        assertEquals("keepalive-lab: " + message + System.lineSeparator() + TRY_HELP + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            --allow-overrides    | --
            --connection-headers | -x
            --no-keep-alive      | yes
            """)
    void aSwitchRefusesAnAttachedValueOtherThanTrueOrFalse(String flag, String value) {
        assertEquals(new CommandLineOptions.Exit(2), parse(flag + "=" + value));
        assertTrue(err.toString().startsWith("keepalive-lab: Invalid value '" + value + "' for " + flag
                + ": allowed is true or false." + System.lineSeparator()), err.toString());
    }

    /** Picocli quotes what was typed; a line break in it must not split the message (found by SettingsFuzzTest). */
    @Test
    void aUsageErrorStaysOneLineWhateverWasTyped() {
        assertEquals(new CommandLineOptions.Exit(2), parse("--connection", "-x\r\n-y"));
        assertEquals(2, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("-x\\r\\n-y"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(new CommandLineOptions.Exit(2), parse("--connection", "x\u0085y"));
        assertTrue(err.toString().contains("x\\u0085y"), "C1 controls escaped too: " + err);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --https-port on --port's           | --port=18990 --https-port=18990                       | Invalid value '18990' for --https-port: --port listens there already; allowed is a port of its own, or 0 for a free one.
            --https-http1-port on --https-port | --https-port=8443 --https-http1-port=8443             | Invalid value '8443' for --https-http1-port: --https-port listens there already; allowed is a port of its own, or 0 for a free one.
            --https-http1-port on --port's     | --port=8080 --https-port=0 --https-http1-port=8080    | Invalid value '8080' for --https-http1-port: --port listens there already; allowed is a port of its own, or 0 for a free one.
            --fault-on past the largest N      | --fault=reset --fault-on=request=99999999999          | Invalid value 'request=99999999999' for --fault-on: allowed is all, request=N (the Nth request on each connection, N from 1 to 2147483647), or paths=GLOB[,GLOB...] (closePaths' globs).
            """)
    void valuesThatConflictOrOverflowExit2NamingWhatIsAllowed(String name, String args, String message) {
        assertEquals(new CommandLineOptions.Exit(2), parse(args.split(" ")));
        assertEquals("keepalive-lab: " + message + System.lineSeparator() + TRY_HELP + System.lineSeparator(), err.toString());
    }

    @Test
    void everyListenerMayPickAFreePort() {
        assertInstanceOf(CommandLineOptions.Run.class, parse("--port=0", "--https-port=0", "--https-http1-port=0"));
    }

    @ParameterizedTest(name = "--keep-alive-timeout auto with --idle-timeout {0} exits 2")
    @CsvSource({"1999ms", "1s", "500ms"})
    void autoNeedsAnIdleTimeoutOfAtLeastTwoSeconds(String idleTimeout) {
        assertEquals(new CommandLineOptions.Exit(2), parse("--idle-timeout", idleTimeout, "--keep-alive-timeout", "auto"));
        assertEquals("keepalive-lab: --keep-alive-timeout auto needs --idle-timeout of at least 2s, but it is " + idleTimeout + "."
                + System.lineSeparator() + TRY_HELP + System.lineSeparator(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown flag           | --conection=close | Unknown option: '--conection=close'
            missing value          | --port            | Missing required parameter for option '--port' (<port>): allowed is an integer from 0 to 65535 (0 picks a free port).
            value that looks like a flag | --access-log=-- | Expected parameter for option '--access-log' but found '--': allowed is off, - for standard output, or a file path.
            positional argument    | serve             | Unmatched argument at index 0: 'serve'
            """)
    void usageErrorsExit2WithMessageAndWhereHelpIs(String name, String arg, String message) {
        assertEquals(new CommandLineOptions.Exit(2), parse(arg));
        assertEquals("keepalive-lab: " + message + System.lineSeparator() + TRY_HELP + System.lineSeparator(), err.toString());
    }

    @Test
    void helpListsEveryFlagWithItsAllowedValuesAndDefault() {
        assertEquals(new CommandLineOptions.Exit(0), parse("--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        for (Setting setting : Setting.values()) {
            String usage = setting.isSwitch() ? setting.flag() + "[=<" + setting.paramName() + ">]" : setting.flag() + "=<" + setting.paramName() + ">";
            assertTrue(help.contains(usage), usage + " in " + help);
            assertTrue(help.contains("Allowed: " + setting.flagAllowedValues() + "."), setting + " allowed values");
            assertTrue(help.contains("Default: " + (setting.defaultValue().isEmpty() ? "(empty)" : setting.defaultValue()) + "."),
                    setting + " default");
        }
        assertTrue(help.contains("--help") && help.contains("--version"));
        assertEquals("", err.toString());
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(new CommandLineOptions.Exit(0), parse("--version"));
        assertTrue(out.toString().matches("keepalive-lab \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out.toString());
    }
}
