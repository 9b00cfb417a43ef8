package dev.keepalivelab.bench;

import dev.keepalivelab.options.OptionRow;

/** The options of {@code bench}: one definition for its usage text, its error messages and docs/bench.md. */
enum BenchOption {
    ROUNDS("--rounds", "rounds", "200", "an integer from 1 to 100000",
            "Page loads to measure under each client mode."),
    WARMUP("--warmup", "rounds", "50", "an integer from 0 to 100000",
            "Page loads per client mode before measuring, not counted and without emulated RTT: they warm up the JIT"
                    + " of the client and of an in-process lab."),
    PARALLEL("--parallel", "connections", "6", "an integer from 1 to 256",
            "Most connections open to the host at once, like a browser's 6 per host."),
    RTT("--rtt", "duration", "0ms", "a duration from 0ms to 10s (e.g. 50ms)",
            "Emulated network round-trip time: each new connection pays one for its handshake and each request one"
                    + " for its exchange, through a delaying proxy on loopback; a TLS handshake is bytes like any other, so it pays"
                    + " its own round trips. 0ms connects directly."),
    MODES("--modes", "modes", "all", "a comma-separated list of keep-alive, close, h2, close-resumed; or all",
            "Client modes to measure, side by side. all: every mode the target supports (close-resumed needs TLS; h2 needs"
                    + " a target that speaks HTTP/2, checked before measuring)."),
    TLS("--tls", null, "false", "a flag",
            "Start the in-process lab over HTTPS (with a self-signed certificate the bench trusts) instead of http://."),
    INSECURE("--insecure", null, "false", "a flag",
            "Accept an https:// target's certificate without checking it, like curl -k: needed for a self-signed one."),
    REPORT("--report", "file", "none", "a path to a new or existing file, in a directory that exists",
            "Also write one self-contained HTML file with a waterfall of each mode's median page load: one lane per connection,"
                    + " a bar per request, the TCP and TLS handshakes shaded."),
    JSON("--json", null, "false", "a flag",
            "Print the results as JSON instead of a table.");

    private final String flag;
    private final String paramLabel;
    private final String defaultValue;
    private final String allowedValues;
    private final String description;

    BenchOption(String flag, String paramLabel, String defaultValue, String allowedValues, String description) {
        this.flag = flag;
        this.paramLabel = paramLabel;
        this.defaultValue = defaultValue;
        this.allowedValues = allowedValues;
        this.description = description;
    }

    String flag() {
        return flag;
    }

    /** Null for a flag that takes no value. */
    String paramLabel() {
        return paramLabel;
    }

    boolean takesValue() {
        return paramLabel != null;
    }

    String defaultValue() {
        return defaultValue;
    }

    String allowedValues() {
        return allowedValues;
    }

    String description() {
        return description;
    }

    /** This option in the command's table. */
    OptionRow row() {
        return new OptionRow(flag, paramLabel, takesValue() ? OptionRow.Arity.VALUE : OptionRow.Arity.FLAG, description,
                allowedValues, defaultValue, "");
    }
}
