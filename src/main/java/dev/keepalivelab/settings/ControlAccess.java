package dev.keepalivelab.settings;

/** Who may drive the lab through its control API ({@code /control/...}): the {@code control} setting. */
public enum ControlAccess {
    /** Clients whose remote address is a loopback address; behind a proxy on the same machine, every client is one. */
    LOOPBACK("loopback"),
    /** Any client that reaches the lab. */
    ON("on"),
    /** No client: every control route answers 403. */
    OFF("off");

    private final String value;

    ControlAccess(String value) {
        this.value = value;
    }

    /** The word the setting takes. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
