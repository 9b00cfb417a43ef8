package dev.keepalivelab.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the bench's client treats connections: the lesson is the difference between these. */
enum ClientMode {
    /** HTTP/1.1, reusing connections like a browser: at most {@code --parallel} per host. */
    KEEP_ALIVE("keep-alive", false, false),
    /** HTTP/1.1 with {@code Connection: close} on every request, so that every request opens a new connection (and, over TLS, makes a full handshake). */
    CLOSE("close", true, false),
    /** HTTP/2: one connection, the images as concurrent streams (ALPN over TLS, prior knowledge on {@code http://}). */
    H2("h2", false, false),
    /** Over TLS only: a new connection per request, like close, whose handshake resumes the TLS session of an earlier one. */
    CLOSE_RESUMED("close-resumed", true, true);

    private final String label;
    private final boolean connectionPerRequest;
    private final boolean resumesTls;

    ClientMode(String label, boolean connectionPerRequest, boolean resumesTls) {
        this.label = label;
        this.connectionPerRequest = connectionPerRequest;
        this.resumesTls = resumesTls;
    }

    String label() {
        return label;
    }

    boolean connectionPerRequest() {
        return connectionPerRequest;
    }

    boolean http2() {
        return this == H2;
    }

    /** Whether a new connection offers the session of an earlier one; only close-resumed does, so the others pay full handshakes. */
    boolean resumesTls() {
        return resumesTls;
    }

    static ClientMode byLabel(String label) {
        for (ClientMode mode : values()) {
            if (mode.label.equals(label.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException(label);
    }

    /** The modes a target can be benched with: close-resumed only over TLS. */
    static List<ClientMode> possible(boolean tls) {
        return Arrays.stream(values()).filter(mode -> tls || !mode.resumesTls()).toList();
    }
}
