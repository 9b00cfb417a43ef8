package dev.keepalivelab.bench;

/** How the bench's client treats connections. */
enum ClientMode {
    /** Reuse connections, like a browser: at most {@code --parallel} per host. */
    KEEP_ALIVE("keep-alive"),
    /** Send {@code Connection: close} on every request, so that every request opens a new connection. */
    CLOSE("close");

    private final String label;

    ClientMode(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
