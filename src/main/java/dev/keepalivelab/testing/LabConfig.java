package dev.keepalivelab.testing;

import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.Engine;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.SettingSource;
import dev.keepalivelab.text.Durations;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The settings a lab started from code runs with: every {@link Setting}, each checked as its flag is when given, so a
 * bad value fails on the line that gave it, with the setting's own message. Immutable: each method returns a new
 * config. It starts from the lab's defaults, except that it listens on 127.0.0.1 on a free port.
 */
public final class LabConfig {
    private final Map<Setting, String> given;
    private final LabSettings labSettings;
    private final ServerSettings serverSettings;

    private LabConfig(Map<Setting, String> given) {
        this.given = given;
        this.labSettings = LabSettings.from(source(Setting.Scope.SERVLET));
        this.serverSettings = ServerSettings.from(source(Setting.Scope.SERVER));
    }

    /** The lab's defaults, on 127.0.0.1 and a free port. */
    public static LabConfig defaults() {
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        given.put(Setting.HOST, "127.0.0.1");
        given.put(Setting.PORT, "0");
        return new LabConfig(given);
    }

    /** This config with {@code setting} set to {@code value}, as its flag writes it; a value it does not allow is refused. */
    public LabConfig with(Setting setting, String value) {
        Map<Setting, String> changed = new EnumMap<>(given);
        changed.put(setting, value);
        return new LabConfig(changed);
    }

    /** The connection policy of image responses ({@code --connection}). */
    public LabConfig connection(ConnectionPolicy policy) {
        return with(Setting.CONNECTION, policy.value());
    }

    /** The Nth response on a connection closes it; 0 for unlimited ({@code --max-requests-per-connection}). */
    public LabConfig maxRequestsPerConnection(int requests) {
        return with(Setting.MAX_REQUESTS_PER_CONNECTION, Integer.toString(requests));
    }

    /** Advertise {@code Keep-Alive: timeout=N} on responses kept alive ({@code --keep-alive-timeout}). */
    public LabConfig keepAliveTimeout(Duration timeout) {
        return with(Setting.KEEP_ALIVE_TIMEOUT, Durations.format(timeout));
    }

    /** How long an idle connection lives before the server closes it ({@code --idle-timeout}). */
    public LabConfig idleTimeout(Duration timeout) {
        return with(Setting.IDLE_TIMEOUT, Durations.format(timeout));
    }

    /** How the lab is served: the core handler or the WAR's servlet ({@code --engine}). */
    public LabConfig engine(Engine engine) {
        return with(Setting.ENGINE, engine.value());
    }

    /** Also serve HTTPS, with HTTP/2 by ALPN unless {@link #http2(boolean)} is off, on a free port with a self-signed certificate. */
    public LabConfig https() {
        return with(Setting.HTTPS_PORT, "0");
    }

    /** Offer HTTP/2 beside HTTP/1.1 (h2 over TLS, h2c on the plain port); on by default ({@code --http2}). */
    public LabConfig http2(boolean on) {
        return with(Setting.HTTP2, on ? "on" : "off");
    }

    /** The value this config gives {@code setting}, as its flag writes it. */
    public String valueOf(Setting setting) {
        return setting.scope() == Setting.Scope.SERVLET ? labSettings.valueOf(setting) : serverSettings.valueOf(setting);
    }

    LabSettings labSettings() {
        return labSettings;
    }

    ServerSettings serverSettings() {
        return serverSettings;
    }

    private SettingSource source(Setting.Scope scope) {
        Map<Setting, String> inScope = new EnumMap<>(Setting.class);
        given.forEach((setting, value) -> {
            if (setting.scope() == scope) {
                inScope.put(setting, value);
            }
        });
        return SettingSource.given(inScope);
    }

    @Override
    public String toString() {
        return "LabConfig" + given;
    }
}
