package dev.keepalivelab.checkcmd;

import dev.keepalivelab.options.OptionRow;

/** The options of {@code check}: one definition for its usage text, its error messages and docs/client-checks.md. */
enum CheckOption {
    CHECKS(OptionRow.value("--checks", "names", "all", "a comma-separated list of " + String.join(", ", InProcessLab.CHECKS) + "; or all",
            "The checks to run, in the order given; each runs the command once. all: every check but "
                    + String.join(", ", InProcessLab.POST_CHECKS) + ", which needs a command that POSTs a body (e.g. "
                    + CheckCommand.POST_EXAMPLE + ") and runs when named. The timed checks (" + String.join(", ", InProcessLab.TIMED_CHECKS)
                    + ") are not the command's: " + CheckCommand.TIMED_WHY + ".")),
    TIMEOUT(OptionRow.value("--timeout", "duration", "30s", "a duration from 1s to 1h (e.g. 30s)",
            "How long one run of the command may take. A command still running then is killed, with every process it"
                    + " started, and its check fails: timed out.")),
    HTTPS(OptionRow.flag("--https", "Serve the checks over HTTPS, HTTP/2 by ALPN or HTTP/1.1, with a certificate made for this run"
            + " (for 127.0.0.1): " + ClientCommand.URL + " is an https:// URL, and " + ClientCommand.CACERT + " in the command is"
            + " the certificate's file (PEM), for the client to trust: curl --cacert " + ClientCommand.CACERT + ".")),
    JSON(OptionRow.flag("--json", "Print the card as JSON instead of a table; each check carries the lab's record of its requests.")),
    RECORD(OptionRow.flag("--record", "Under each check's line of the table, print the requests the lab recorded for it (id, method,"
            + " path, connection and its request number, protocol, status, kept or closed and why, fault, body bytes), to read the"
            + " card against the wire line by line."));

    final OptionRow row;

    CheckOption(OptionRow row) {
        this.row = row;
    }

    String flag() {
        return row.flag();
    }
}
