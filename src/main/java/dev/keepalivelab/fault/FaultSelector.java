package dev.keepalivelab.fault;

import java.util.List;
import java.util.OptionalInt;

/**
 * Which responses the server-wide {@code fault} goes to ({@code faultOn}): all of them, the Nth request on each
 * connection, or the requests whose path matches one of some globs. {@code /connections} never gets it, so that the
 * record of what happened can always be read.
 *
 * @param nthRequest the 1-based index on its connection of the request that gets the fault; empty for any
 * @param paths      path globs ({@code closePaths}' form); empty for any path
 */
public record FaultSelector(OptionalInt nthRequest, List<String> paths) {
    public static final FaultSelector ALL = new FaultSelector(OptionalInt.empty(), List.of());
    public static final String ALL_TEXT = "all";
    public static final String REQUEST_PREFIX = "request=";
    public static final String PATHS_PREFIX = "paths=";

    public FaultSelector {
        paths = List.copyOf(paths);
    }

    /** The selector as the setting writes it. */
    public String text() {
        if (nthRequest.isPresent()) {
            return REQUEST_PREFIX + nthRequest.getAsInt();
        }
        return paths.isEmpty() ? ALL_TEXT : PATHS_PREFIX + String.join(",", paths);
    }
}
