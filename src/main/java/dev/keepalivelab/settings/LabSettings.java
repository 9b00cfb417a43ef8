package dev.keepalivelab.settings;

import dev.keepalivelab.fault.Fault;

import dev.keepalivelab.fault.FaultSelector;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The servlet's settings, parsed and valid. Each component is named after its {@link Setting} row, whose
 * {@link ValueKind} reads it: a new servlet setting is its row plus its component here.
 *
 * @param connection               policy of image responses
 * @param pageConnection           policy of the HTML page
 * @param maxRequestsPerConnection the response that closes a connection; 0 for unlimited
 * @param maxConnectionAge         the age after which a connection closes after its current response; empty for none
 * @param closePaths               path globs whose responses always close, as given (a leading / is optional)
 * @param keepAliveDisable         a regular expression; clients whose User-Agent contains a match get close
 * @param keepAliveTimeout         what {@code Keep-Alive: timeout} advertises; empty for no header
 * @param cacheControl             the {@code Cache-Control} value; empty for no header
 * @param connectionHeaders        whether responses carry X-Connection-Label and X-Connection-Request
 * @param allowOverrides           whether {@code ?connection=} overrides the policy per request
 * @param allowFaults              whether {@code ?fault=} asks for a fault per request
 * @param fault                    the server-wide fault; empty for none
 * @param faultOn                  which responses get the server-wide fault
 * @param historySize              how many requests and connections {@code /connections} remembers
 * @param control                  who may use the control API
 */
public record LabSettings(
        ConnectionPolicy connection,
        ConnectionPolicy pageConnection,
        int maxRequestsPerConnection,
        Optional<Duration> maxConnectionAge,
        List<String> closePaths,
        Optional<String> keepAliveDisable,
        Optional<Duration> keepAliveTimeout,
        String cacheControl,
        boolean connectionHeaders,
        boolean allowOverrides,
        boolean allowFaults,
        Optional<Fault> fault,
        FaultSelector faultOn,
        int historySize,
        ControlAccess control) {

    public static final Duration MIN_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(1);

    public static LabSettings defaults() {
        return from(SettingSource.initParams(name -> null));
    }

    public static LabSettings from(SettingSource source) {
        return Fields.RECORD.read(source);
    }

    /** This configuration as setting text, e.g. to pass on as init-params. */
    public String valueOf(Setting setting) {
        return Fields.RECORD.text(this, setting);
    }

    /** Made at first use, after {@link Setting}, whose rows it reads. */
    private static final class Fields {
        static final SettingsRecord<LabSettings> RECORD = SettingsRecord.of(LabSettings.class, Setting.Scope.SERVLET);
    }
}
