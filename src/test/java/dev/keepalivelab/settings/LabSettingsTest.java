package dev.keepalivelab.settings;


import dev.keepalivelab.fault.Drip;
import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.fault.FaultSelector;
import dev.keepalivelab.fault.ResetOnReuse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabSettingsTest {

    record Invalid(String name, String value, String allowed) {
        @Override
        public String toString() {
            return name + "=\"" + value.replace("\r", "\\r").replace("\n", "\\n") + "\"";
        }
    }

    static Stream<Invalid> invalidInitParams() {
        String policies = Setting.CONNECTION.allowedValues();
        String count = Setting.MAX_REQUESTS_PER_CONNECTION.allowedValues();
        String timeout = Setting.KEEP_ALIVE_TIMEOUT.allowedValues();
        String header = Setting.CACHE_CONTROL.allowedValues();
        String bool = Setting.CONNECTION_HEADERS.allowedValues();
        String history = Setting.HISTORY_SIZE.allowedValues();
        String age = Setting.MAX_CONNECTION_AGE.allowedValues();
        String globs = Setting.CLOSE_PATHS.allowedValues();
        String regex = Setting.KEEP_ALIVE_DISABLE.allowedValues();
        String fault = Setting.FAULT.allowedValues();
        String faultOn = Setting.FAULT_ON.allowedValues();
        return Stream.of(
                new Invalid("fault", "explode", fault),
                new Invalid("fault", "reset=1s", fault),
                new Invalid("fault", "delay", fault),
                new Invalid("fault", "delay=", fault),
                new Invalid("fault", "delay=0ms", fault),
                new Invalid("fault", "delay=61s", fault),
                new Invalid("fault", "drip=2m", fault),
                new Invalid("fault", "Reset", fault),
                new Invalid("fault", "", fault),
                new Invalid("faultOn", "every", faultOn),
                new Invalid("faultOn", "request=0", faultOn),
                new Invalid("faultOn", "request=", faultOn),
                new Invalid("faultOn", "paths=", faultOn),
                new Invalid("faultOn", "paths=a b", faultOn),
                new Invalid("allowFaults", "on", bool),
                new Invalid("connection", "keepalive", policies),
                new Invalid("connection", "Keep-Alive", policies),
                new Invalid("connection", "", policies),
                new Invalid("connection", " close", policies),
                new Invalid("pageConnection", "open", policies),
                new Invalid("maxRequestsPerConnection", "-1", count),
                new Invalid("maxRequestsPerConnection", "ten", count),
                new Invalid("maxRequestsPerConnection", "1.5", count),
                new Invalid("maxRequestsPerConnection", "2147483648", count),
                new Invalid("maxRequestsPerConnection", "", count),
                new Invalid("keepAliveTimeout", "5", timeout),
                new Invalid("keepAliveTimeout", "0s", timeout),
                new Invalid("keepAliveTimeout", "999ms", timeout),
                new Invalid("keepAliveTimeout", "5 s", timeout),
                new Invalid("keepAliveTimeout", "-5s", timeout),
                new Invalid("keepAliveTimeout", "auto", timeout),
                new Invalid("keepAliveTimeout", "OFF", timeout),
                new Invalid("keepAliveTimeout", "1d", timeout),
                new Invalid("cacheControl", "no-store\r\nSet-Cookie: a=b", header),
                new Invalid("cacheControl", "max-age=\u00e9", header),
                new Invalid("cacheControl", "tab\there", header),
                new Invalid("connectionHeaders", "yes", bool),
                new Invalid("connectionHeaders", "TRUE", bool),
                new Invalid("allowOverrides", "", bool),
                new Invalid("historySize", "0", history),
                new Invalid("historySize", "100001", history),
                new Invalid("maxConnectionAge", "0ms", age),
                new Invalid("maxConnectionAge", "forever", age),
                new Invalid("closePaths", "test1.jpg,,test2.jpg", globs),
                new Invalid("closePaths", "test 1.jpg", globs),
                new Invalid("closePaths", ",", globs),
                new Invalid("keepAliveDisable", "MSIE (6", regex),
                new Invalid("keepAliveDisable", "[a-", regex));
    }

    @ParameterizedTest(name = "{0} is rejected")
    @MethodSource("invalidInitParams")
    void invalidValuesAreRejectedNamingParamValueAndAllowed(Invalid c) {
        var e = assertThrows(InvalidSettingException.class,
                () -> LabSettings.from(SettingSource.initParams(Map.of(c.name(), c.value())::get)));
        assertEquals("Invalid value '" + InvalidSettingException.printable(c.value()) + "' for init-param " + c.name()
                + ": allowed is " + c.allowed() + ".", e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "one line");
    }

    @Test
    void messagesShowControlCharactersEscaped() {
        assertEquals("a\\r\\nb\\tc\\u00e9", InvalidSettingException.printable("a\r\nb\tc\u00e9"));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new LabSettings(ConnectionPolicy.KEEP_ALIVE, ConnectionPolicy.DEFAULT, 0, Optional.empty(), List.of(),
                        Optional.empty(), Optional.empty(), "no-store", true, true, true, Optional.empty(), FaultSelector.ALL, 1000,
                        ControlAccess.LOOPBACK),
                LabSettings.defaults());
    }

    @Test
    void validValuesParse() {
        Map<String, String> params = Map.of("connection", "close", "pageConnection", "keep-alive",
                "maxRequestsPerConnection", "2147483647", "keepAliveTimeout", "1500ms", "cacheControl", "",
                "connectionHeaders", "false", "allowOverrides", "false", "historySize", "100000");
        params = new java.util.HashMap<>(params);
        params.putAll(Map.of("allowFaults", "false", "fault", "drip=1500ms", "faultOn", "request=3", "control", "on"));
        params.putAll(Map.of("maxConnectionAge", "2m", "closePaths", " test1.jpg , /test11?.jpg", "keepAliveDisable", "curl/\\d"));
        assertEquals(new LabSettings(ConnectionPolicy.CLOSE, ConnectionPolicy.KEEP_ALIVE, Integer.MAX_VALUE,
                        Optional.of(Duration.ofMinutes(2)), List.of("test1.jpg", "/test11?.jpg"), Optional.of("curl/\\d"),
                        Optional.of(Duration.ofMillis(1500)), "", false, false, false,
                        Optional.of(new Fault(new Drip(), Duration.ofMillis(1500))), new FaultSelector(OptionalInt.of(3), List.of()),
                        100_000, ControlAccess.ON),
                LabSettings.from(SettingSource.initParams(params::get)));
    }

    @Test
    void everySettingRoundTripsThroughItsText() {
        LabSettings settings = new LabSettings(ConnectionPolicy.DEFAULT, ConnectionPolicy.CLOSE, 3,
                Optional.of(Duration.ofMillis(1500)), List.of("test11*.jpg", "/"), Optional.of("Safari/[0-9]+"),
                Optional.of(Duration.ofMinutes(2)), "private", false, true, false, Optional.of(Fault.of(new ResetOnReuse())),
                new FaultSelector(OptionalInt.empty(), List.of("test1?.jpg", "/")), 5, ControlAccess.OFF);
        assertEquals(settings, LabSettings.from(SettingSource.initParams(name ->
                settings.valueOf(Setting.byParamName(name).orElseThrow()))));
    }

    /** The embedded main hands the servlet its settings as text: a long duration must not come back with too many digits. */
    @ParameterizedTest(name = "{0} is handed on as {1}")
    @org.junit.jupiter.params.provider.CsvSource({"16667527m, 16667527m", "999999999h, 999999999h", "60s, 1m", "90s, 90s",
            "1500ms, 1500ms", "999999999ms, 999999999ms"})
    void durationsAreHandedOnInTheLargestWholeUnit(String given, String handedOn) {
        LabSettings settings = LabSettings.from(SettingSource.initParams(Map.of("maxConnectionAge", given)::get));
        assertEquals(handedOn, settings.valueOf(Setting.MAX_CONNECTION_AGE));
        assertEquals(settings, LabSettings.from(SettingSource.initParams(Map.of("maxConnectionAge", handedOn)::get)));
    }

    @Test
    void unknownInitParamIsATypoNotIgnored() {
        var e = assertThrows(InvalidSettingException.class,
                () -> SettingSource.requireKnownInitParams(List.of("connection", "conection")));
        assertEquals("Unknown init-param 'conection': allowed are connection, pageConnection, maxRequestsPerConnection,"
                + " maxConnectionAge, closePaths, keepAliveDisable, keepAliveTimeout, cacheControl, connectionHeaders,"
                + " allowOverrides, allowFaults, fault, faultOn, historySize, control.", e.getMessage());
    }

    @Test
    void serverSettingsAreNotInitParams() {
        assertThrows(InvalidSettingException.class, () -> SettingSource.requireKnownInitParams(List.of("idleTimeout")));
    }

    @Test
    void flagsAreKebabCasedParamNames() {
        assertEquals("--max-requests-per-connection", Setting.MAX_REQUESTS_PER_CONNECTION.flag());
        assertEquals("--keep-alive-timeout", Setting.KEEP_ALIVE_TIMEOUT.flag());
        assertEquals("--connection", Setting.CONNECTION.flag());
    }
}
