package dev.keepalivelab.cli;

import dev.keepalivelab.options.CommandLineHelp;
import dev.keepalivelab.support.StubServletConfig;
import dev.keepalivelab.servlet.KeepAliveLabServlet;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.SettingSource;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Property-based fuzzing of every init-param and every flag: whatever string a setting is given, the lab either
 * starts with a value the documentation allows, meaning what it says, or refuses with exactly
 * {@code Invalid value '<value>' for <name>: allowed is <allowed>.}; never another exception, never a start on a
 * value outside the documented ones. Values come from three generators: any string, near misses (a valid value
 * with one edit) and valid values.
 */
class SettingsFuzzTest {
    static final int EXAMPLES = Integer.getInteger("fuzz.examples", 400);
    /** Each flag parse builds picocli's model: fewer examples keep it quick. */
    static final int FLAG_EXAMPLES = EXAMPLES / 8;
    static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");
    static final List<String> ODD = List.of("", " ", "\t", "\r\n", "\u0000", ",", "'", "%", "-", "+", "e", ".", "=",
            "\u0663", "\uff53", "\u212a", "\u0130", "\ud83d\ude00", "\ud800", "off", "auto", "0", "9999999999");

    /** What the documentation allows for a setting, read independently of the parser, and valid values to try. */
    record Spec(Predicate<String> documented, Gen<String> valid) {
    }

    static Spec spec(Setting setting) {
        return switch (setting) {
            case CONNECTION, PAGE_CONNECTION -> new Spec(Set.of("keep-alive", "close", "default")::contains,
                    Generate.pick(List.of("keep-alive", "close", "default")));
            case MAX_REQUESTS_PER_CONNECTION, MAX_CONNECTIONS -> integer(0, Integer.MAX_VALUE);
            case HISTORY_SIZE -> integer(1, 100_000);
            case PORT -> integer(0, 65_535);
            case HTTPS_PORT, HTTPS_HTTP1_PORT -> offOr(integer(0, 65_535));
            case MAX_CONCURRENT_STREAMS -> integer(1, Integer.MAX_VALUE);
            case HTTP2 -> new Spec(Set.of("on", "off")::contains, Generate.pick(List.of("on", "off")));
            // Each needs the other and --https-port, and names a real file: HttpsFlagsTest covers them.
            case KEYSTORE, KEYSTORE_PASSWORD_ENV -> new Spec(String::isEmpty, Generate.constant(""));
            case MAX_CONNECTION_AGE, REQUEST_TIMEOUT -> offOr(duration(Duration.ofMillis(1)));
            case IDLE_TIMEOUT -> duration(Duration.ofMillis(1));
            case KEEP_ALIVE_TIMEOUT -> offOr(duration(Duration.ofSeconds(1)));
            case CLOSE_PATHS -> new Spec(t -> t.isEmpty() || List.of(t.split(",", -1)).stream().map(String::trim)
                    .allMatch(glob -> glob.matches("[!-~&&[^,]]+")),
                    Generate.pick(List.of("", "test1.jpg", "test11*.jpg,/", " /test?.jpg , test2.jpg", "*")));
            case KEEP_ALIVE_DISABLE -> new Spec(t -> t.isEmpty() || compiles(t),
                    Generate.pick(List.of("", "MSIE [56]\\.", "curl/\\d", "(?i)bot", "^$")));
            case CACHE_CONTROL -> new Spec(t -> t.chars().allMatch(c -> c >= 0x20 && c <= 0x7e),
                    strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 20));
            case FAULT -> new Spec(SettingsFuzzTest::documentedFault, Generate.pick(List.of("off", "silent-close",
                    "close-on-reuse", "reset", "reset-on-reuse", "no-response", "truncate", "delay=1ms", "delay=60s",
                    "drip=1500ms", "drip=1m")));
            case FAULT_ON -> new Spec(SettingsFuzzTest::documentedFaultOn, Generate.pick(List.of("all", "request=1",
                    "request=2147483647", "paths=test1.jpg", "paths=test1?.jpg,/")));
            case CONNECTION_HEADERS, ALLOW_OVERRIDES, ALLOW_FAULTS, NO_KEEP_ALIVE -> new Spec(Set.of("true", "false")::contains,
                    Generate.pick(List.of("true", "false")));
            case HOST -> new Spec(t -> !t.isBlank() && t.chars().allMatch(c -> c > 0x20 && c < 0x7f),
                    Generate.pick(List.of("127.0.0.1", "localhost", "0.0.0.0", "::1", "lab-1.example")));
            case CONTROL -> new Spec(Set.of("loopback", "on", "off")::contains, Generate.pick(List.of("loopback", "on", "off")));
            case ENGINE -> new Spec(Set.of("core", "servlet")::contains, Generate.pick(List.of("core", "servlet")));
            case ACCESS_LOG -> new Spec(t -> !t.isBlank() && !t.contains("\u0000"),
                    Generate.pick(List.of("off", "-", "target/access.log", "/tmp/lab.log")));
        };
    }

    static Spec integer(int min, int max) {
        return new Spec(t -> t.matches("[0-9]+") && new BigInteger(t).compareTo(BigInteger.valueOf(min)) >= 0
                && new BigInteger(t).compareTo(BigInteger.valueOf(max)) <= 0,
                integers().between(min, max).map(n -> Integer.toString(n)));
    }

    static Spec duration(Duration min) {
        return new Spec(t -> {
            Matcher m = DURATION.matcher(t);
            return m.matches() && toDuration(new BigInteger(m.group(1)).longValueExact(), m.group(2)).compareTo(min) >= 0;
        }, integers().between(1, 999_999_999).zip(Generate.pick(List.of("ms", "s", "m", "h")), (n, unit) -> n + unit)
                .assuming(t -> toDuration(Long.parseLong(t.replaceAll("[a-z]", "")), t.replaceAll("[0-9]", "")).compareTo(min) >= 0));
    }

    static Spec offOr(Spec spec) {
        return new Spec(t -> t.equals("off") || spec.documented().test(t), Generate.oneOf(Generate.constant("off"), spec.valid()));
    }

    static Duration toDuration(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** off, a fault's name, or delay=/drip= with a duration from 1ms to 60s, as the faults table documents. */
    static boolean documentedFault(String t) {
        if (Set.of("off", "silent-close", "close-on-reuse", "reset", "reset-on-reuse", "no-response", "truncate").contains(t)) {
            return true;
        }
        Matcher m = Pattern.compile("(delay|drip)=" + DURATION.pattern()).matcher(t);
        if (!m.matches() || m.group(2).length() > 9) {
            return false;
        }
        long amount = Long.parseLong(m.group(2));
        long millis = switch (m.group(3)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return millis >= 1 && millis <= 60_000;
    }

    static boolean documentedFaultOn(String t) {
        if (t.equals("all")) {
            return true;
        }
        if (t.startsWith("request=")) {
            String n = t.substring("request=".length());
            return n.matches("[0-9]{1,10}") && Long.parseLong(n) >= 1 && Long.parseLong(n) <= Integer.MAX_VALUE;
        }
        return t.startsWith("paths=") && List.of(t.substring("paths=".length()).split(",", -1)).stream().map(String::trim)
                .allMatch(glob -> glob.matches("[!-~&&[^,]]+"));
    }

    static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** Any string; a valid value with one character inserted, replaced or removed; or a valid value. */
    static Gen<String> values(Spec spec) {
        Gen<String> anything = Generate.oneOf(strings().allPossible().ofLengthBetween(0, 12),
                strings().ascii().ofLengthBetween(0, 12), Generate.pick(ODD));
        Gen<String> nearMiss = spec.valid().zip(integers().between(0, 64), Generate.pick(ODD), Generate.range(0, 2),
                SettingsFuzzTest::edit);
        return Generate.oneOf(anything, nearMiss, spec.valid());
    }

    static String edit(String valid, int at, String odd, int how) {
        int i = valid.isEmpty() ? 0 : at % (valid.length() + 1);
        return switch (how) {
            case 0 -> valid.substring(0, i) + odd + valid.substring(i);
            case 1 -> i == valid.length() ? valid + odd : valid.substring(0, i) + odd + valid.substring(i + 1);
            default -> i == valid.length() ? valid.substring(0, Math.max(0, i - 1)) : valid.substring(0, i) + valid.substring(i + 1);
        };
    }

    static String rejection(String value, String name, String allowed) {
        return "Invalid value '" + InvalidSettingException.printable(value) + "' for " + name + ": allowed is " + allowed + ".";
    }

    @ParameterizedTest(name = "init-param {0}")
    @EnumSource(value = Setting.class, names = {"CONNECTION", "PAGE_CONNECTION", "MAX_REQUESTS_PER_CONNECTION",
            "MAX_CONNECTION_AGE", "CLOSE_PATHS", "KEEP_ALIVE_DISABLE", "KEEP_ALIVE_TIMEOUT", "CACHE_CONTROL",
            "CONNECTION_HEADERS", "ALLOW_OVERRIDES", "HISTORY_SIZE"})
    void anyInitParamValueStartsTheServletAsDocumentedOrIsRefusedClearly(Setting setting) {
        assertEquals(Setting.Scope.SERVLET, setting.scope(), "every servlet setting is listed above");
        Spec spec = spec(setting);
        qt().withExamples(EXAMPLES).forAll(values(spec)).checkAssert(value -> {
            KeepAliveLabServlet servlet = new KeepAliveLabServlet();
            try {
                servlet.init(new StubServletConfig(Map.of(setting.paramName(), value)));
            } catch (ServletException e) {
                assertEquals("keepalive-lab not started: " + rejection(value, "init-param " + setting.paramName(),
                        setting.allowedValues()), e.getMessage());
                return;
            }
            assertTrue(spec.documented().test(value), "started on an undocumented value '" + value + "'");
            assertEquals(servlet.settings(), LabSettings.from(SettingSource.initParams(name -> name.equals(setting.paramName())
                    ? servlet.settings().valueOf(setting) : null)), "the setting in force is not the one given");
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Setting.class, mode = EnumSource.Mode.EXCLUDE, names = {"KEYSTORE", "KEYSTORE_PASSWORD_ENV"})
    void anyFlagValueRunsAsDocumentedOrExits2WithTheMessageAndWhereHelpIs(Setting setting) {
        Spec spec = spec(setting);
        qt().withExamples(FLAG_EXAMPLES).forAll(values(spec)).checkAssert(value -> {
            StringWriter err = new StringWriter();
            CommandLineOptions.Outcome outcome = CommandLineOptions.parse(new String[]{setting.flag() + "=" + value},
                    new PrintWriter(new StringWriter()), new PrintWriter(err));
            if (outcome instanceof CommandLineOptions.Exit exit) {
                assertEquals(CommandLineOptions.EXIT_USAGE, exit.code());
                String ours = "keepalive-lab: " + rejection(value, setting.flag(), setting.flagAllowedValues());
                // picocli's, for a value that looks like a flag, with what was typed escaped onto one line
                String picocli = CommandLineHelp.oneLine("keepalive-lab: Expected parameter for option '" + setting.flag()
                        + "' but found '" + value + "': allowed is " + setting.flagAllowedValues() + ".");
                String tryHelp = System.lineSeparator() + CommandLineOptionsTest.TRY_HELP + System.lineSeparator();
                assertTrue(err.toString().equals(ours + tryHelp) || err.toString().equals(picocli + tryHelp),
                        () -> "expected " + ours + " and " + tryHelp + " in " + err);
                return;
            }
            LaunchConfig config = ((CommandLineOptions.Run) outcome).config();
            String given = setting == Setting.KEEP_ALIVE_TIMEOUT && value.equals(CommandLineOptions.AUTO)
                    ? CommandLineOptions.autoKeepAliveTimeout(config.server().idleTimeout()).toSeconds() + "s" : value;
            assertTrue(spec.documented().test(given), "ran on an undocumented value '" + value + "'");
            assertEquals(config, new LaunchConfig(ServerSettings.from(only(setting, given)), LabSettings.from(only(setting, given))),
                    "the setting in force is not the one given");
            assertEquals(config.lab(), LabSettings.from(SettingSource.initParams(name -> config.lab().valueOf(Setting.byParamName(name)
                    .orElseThrow()))), "the init-params the embedded main hands the servlet mean something else");
        });
    }

    /** Whole command lines of flags, values and junk: never an exception, always a run or an exit with a reason. */
    @Test
    void anyCommandLineRunsOrExitsWithACode() {
        Gen<String> flag = Generate.pick(List.of(Setting.values())).map(s -> s.flag());
        Gen<String> token = Generate.oneOf(flag, flag.zip(values(spec(Setting.CONNECTION)), (f, v) -> f + "=" + v),
                Generate.pick(ODD), Generate.pick(List.of("--help", "--version", "-h", "-V", "--", "-x", "auto", "30s", "close")));
        Gen<String[]> commandLines = integers().between(0, 6).flatMap(n -> random -> {
            String[] args = new String[n];
            for (int i = 0; i < n; i++) {
                args[i] = token.generate(random);
            }
            return args;
        });
        qt().withExamples(FLAG_EXAMPLES).forAll(commandLines).checkAssert(args -> {
            StringWriter err = new StringWriter();
            CommandLineOptions.Outcome outcome = CommandLineOptions.parse(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
            if (outcome instanceof CommandLineOptions.Exit exit && exit.code() != 0) {
                assertEquals(CommandLineOptions.EXIT_USAGE, exit.code());
                // One message (which may quote an argument's own line breaks), then where the help is; no usage.
                assertTrue(err.toString().startsWith("keepalive-lab: ")
                        && err.toString().endsWith(System.lineSeparator() + CommandLineOptionsTest.TRY_HELP + System.lineSeparator())
                        && !err.toString().contains("Usage: java -jar keepalive-lab.jar"), err::toString);
            }
        });
    }

    @Test
    void anUnknownInitParamNameIsRefusedNamingIt() {
        Set<String> known = Set.copyOf(Setting.inScope(Setting.Scope.SERVLET).stream().map(Setting::paramName).toList());
        qt().withExamples(EXAMPLES).forAll(Generate.oneOf(strings().allPossible().ofLengthBetween(0, 20),
                        Generate.pick(List.copyOf(known)).zip(Generate.pick(ODD), (name, odd) -> name + odd)))
                .assuming(name -> !known.contains(name))
                .checkAssert(name -> {
                    try {
                        new KeepAliveLabServlet().init(new StubServletConfig(Map.of(name, "close")));
                        fail("started with an unknown init-param '" + name + "'");
                    } catch (ServletException e) {
                        assertTrue(e.getMessage().startsWith("keepalive-lab not started: Unknown init-param '" + name + "': allowed are "),
                                e.getMessage());
                    }
                });
    }

    static SettingSource only(Setting setting, String value) {
        Map<String, String> values = new HashMap<>();
        values.put(setting.paramName(), value);
        return SettingSource.initParams(values::get);
    }
}
