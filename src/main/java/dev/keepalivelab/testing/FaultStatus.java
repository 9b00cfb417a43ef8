package dev.keepalivelab.testing;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An armed fault's status, as {@code GET /control/faults/{id}} gives it (the control API's ArmedFault): what the lab
 * armed for a {@link FaultSpec}, and how often it has been applied.
 *
 * @param id          its id, e.g. {@code f1}
 * @param fault       the fault as {@code ?fault=} writes it
 * @param requests    the count of requests it was armed for, if any
 * @param connections the count of connections it was armed for, if any
 * @param paths       the path globs it matches; empty for any path
 * @param client      the client it matches, if one
 * @param remaining   how many requests or connections it has left; empty while unbounded
 * @param applied     how many requests it has been given to
 */
public record FaultStatus(String id, String fault, OptionalInt requests, OptionalInt connections, List<String> paths,
                          Optional<String> client, OptionalInt remaining, int applied) {
}
