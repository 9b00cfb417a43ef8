package dev.keepalivelab.settings;

import dev.keepalivelab.lab.fault.Fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The servlet's settings, parsed and valid.
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
        int historySize) {

    public static final Duration MIN_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(1);

    public static LabSettings defaults() {
        return from(SettingSource.initParams(name -> null));
    }

    public static LabSettings from(SettingSource source) {
        return new LabSettings(
                Setting.CONNECTION.read(source, Values::policy),
                Setting.PAGE_CONNECTION.read(source, Values::policy),
                Setting.MAX_REQUESTS_PER_CONNECTION.read(source, t -> Values.intInRange(t, 0, Integer.MAX_VALUE)),
                Setting.MAX_CONNECTION_AGE.read(source, t -> Values.offOrDuration(t, Duration.ofMillis(1))),
                Setting.CLOSE_PATHS.read(source, Values::globs),
                Setting.KEEP_ALIVE_DISABLE.read(source, Values::optionalRegex),
                Setting.KEEP_ALIVE_TIMEOUT.read(source, t -> Values.offOrDuration(t, MIN_KEEP_ALIVE_TIMEOUT)),
                Setting.CACHE_CONTROL.read(source, Values::headerValue),
                Setting.CONNECTION_HEADERS.read(source, Values::bool),
                Setting.ALLOW_OVERRIDES.read(source, Values::bool),
                Setting.ALLOW_FAULTS.read(source, Values::bool),
                Setting.FAULT.read(source, Values::offOrFault),
                Setting.FAULT_ON.read(source, FaultSelector::parse),
                Setting.HISTORY_SIZE.read(source, t -> Values.intInRange(t, 1, 100_000)));
    }

    /** This configuration as setting text, e.g. to pass on as init-params. */
    public String valueOf(Setting setting) {
        return switch (setting) {
            case CONNECTION -> connection.value();
            case PAGE_CONNECTION -> pageConnection.value();
            case MAX_REQUESTS_PER_CONNECTION -> Integer.toString(maxRequestsPerConnection);
            case MAX_CONNECTION_AGE -> maxConnectionAge.map(Values::format).orElse(Values.OFF);
            case CLOSE_PATHS -> String.join(",", closePaths);
            case KEEP_ALIVE_DISABLE -> keepAliveDisable.orElse("");
            case KEEP_ALIVE_TIMEOUT -> keepAliveTimeout.map(Values::format).orElse(Values.OFF);
            case CACHE_CONTROL -> cacheControl;
            case CONNECTION_HEADERS -> Boolean.toString(connectionHeaders);
            case ALLOW_OVERRIDES -> Boolean.toString(allowOverrides);
            case ALLOW_FAULTS -> Boolean.toString(allowFaults);
            case FAULT -> fault.map(Fault::label).orElse(Values.OFF);
            case FAULT_ON -> faultOn.text();
            case HISTORY_SIZE -> Integer.toString(historySize);
            default -> throw new IllegalArgumentException(setting + " is not a servlet setting");
        };
    }
}
