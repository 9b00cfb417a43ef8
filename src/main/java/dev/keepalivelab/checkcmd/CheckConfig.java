package dev.keepalivelab.checkcmd;

import java.time.Duration;
import java.util.List;

/**
 * What {@code check} was asked to do.
 *
 * @param checks  the checks to run, in order
 * @param timeout how long one run of the command may take
 * @param json    whether the card is printed as JSON rather than a table
 * @param record  whether the table prints each check's requests, as the lab recorded them, under its line
 * @param https   whether the lab serves the checks over HTTPS
 * @param command the client's command, with {@value ClientCommand#URL} where each check's URL goes
 */
record CheckConfig(List<String> checks, Duration timeout, boolean json, boolean record, boolean https, ClientCommand command) {
    CheckConfig {
        checks = List.copyOf(checks);
    }
}
