package dev.keepalivelab.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerSettingsTest {
    /** Every server setting away from its default, so that a setting read or written as another one shows. */
    static final ServerSettings ALL_CHANGED = new ServerSettings("::1", 8081, OptionalInt.of(8443), OptionalInt.of(0), false, 7,
            Optional.of("lab.p12"), Optional.of("LAB_PASSWORD"), Duration.ofMillis(1500), Optional.of(Duration.ofMinutes(2)), true,
            9, Optional.of(ServerSettings.STANDARD_OUTPUT), Engine.SERVLET);

    @Test
    void everySettingRoundTripsThroughItsText() {
        assertEquals(ALL_CHANGED, ServerSettings.from(SettingSource.initParams(name ->
                ALL_CHANGED.valueOf(Setting.byParamName(name).orElseThrow()))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Setting.class)
    void everyServerSettingIsAComponentAndNoServletSettingIs(Setting setting) {
        boolean component = Arrays.stream(ServerSettings.class.getRecordComponents()).anyMatch(c -> c.getName().equals(setting.paramName()));
        assertEquals(setting.scope() == Setting.Scope.SERVER, component);
    }

    @Test
    void withChangesOnlyTheSettingGiven() {
        ServerSettings defaults = ServerSettings.of("127.0.0.1", 0, Duration.ofSeconds(30));
        ServerSettings changed = defaults.with(Setting.REQUEST_TIMEOUT, "300ms");
        assertEquals(new ServerSettings("127.0.0.1", 0, OptionalInt.empty(), OptionalInt.empty(), true, 128, Optional.empty(),
                Optional.empty(), Duration.ofSeconds(30), Optional.of(Duration.ofMillis(300)), false, 0, Optional.empty(), Engine.CORE),
                changed);
        assertEquals(ALL_CHANGED, ALL_CHANGED.with(Setting.ENGINE, "servlet"));
    }

    @Test
    void withRefusesAsTheFlagWould() {
        ServerSettings defaults = ServerSettings.of("127.0.0.1", 0, Duration.ofSeconds(30));
        assertEquals("Invalid value '1s' for --engine: allowed is core or servlet.",
                assertThrows(InvalidSettingException.class, () -> defaults.with(Setting.ENGINE, "1s")).getMessage());
        assertEquals("--keystore needs --https-port or --https-http1-port: without them the lab serves no HTTPS.",
                assertThrows(InvalidSettingException.class, () -> defaults.with(Map.of(Setting.KEYSTORE, "lab.p12",
                        Setting.KEYSTORE_PASSWORD_ENV, "LAB_PASSWORD"))).getMessage());
    }

    @Test
    void aServletSettingHasNoTextHere() {
        assertThrows(IllegalArgumentException.class, () -> ALL_CHANGED.valueOf(Setting.CONNECTION));
    }

    record MissingSettings(String host, int port) {
    }

    record ForeignComponent(String connection) {
    }

    @Test
    void aRecordMustHoldExactlyTheSettingsOfItsScope() {
        assertEquals("MissingSettings has no component for [HTTPS_PORT, HTTPS_HTTP1_PORT, HTTP2, MAX_CONCURRENT_STREAMS, KEYSTORE,"
                        + " KEYSTORE_PASSWORD_ENV, IDLE_TIMEOUT, REQUEST_TIMEOUT, NO_KEEP_ALIVE, MAX_CONNECTIONS, ENGINE, ACCESS_LOG]",
                assertThrows(IllegalStateException.class, () -> SettingsRecord.of(MissingSettings.class, Setting.Scope.SERVER))
                        .getMessage());
        assertEquals("ForeignComponent.connection is not a SERVER setting",
                assertThrows(IllegalStateException.class, () -> SettingsRecord.of(ForeignComponent.class, Setting.Scope.SERVER))
                        .getMessage());
    }

    /** The switches, which a flag may give without a value, are the true/false settings (not http2's on/off). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Setting.class)
    void theSwitchesAreTheTrueOrFalseSettings(Setting setting) {
        assertEquals(Set.of(Setting.CONNECTION_HEADERS, Setting.ALLOW_OVERRIDES, Setting.ALLOW_FAULTS, Setting.NO_KEEP_ALIVE)
                .contains(setting), setting.isSwitch());
    }
}
