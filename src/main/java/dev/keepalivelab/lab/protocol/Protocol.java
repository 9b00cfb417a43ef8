package dev.keepalivelab.lab.protocol;

import java.util.Locale;

/** The protocol a connection speaks, named as ALPN names it ({@code h2c} for HTTP/2 in cleartext). */
public enum Protocol {
    HTTP_1_0("http/1.0"), HTTP_1_1("http/1.1"), H2("h2"), H2C("h2c");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isHttp2() {
        return this == H2 || this == H2C;
    }

    /**
     * The protocol of a request, from what its server API says: {@code HTTP/2.0} (Jetty, and every container's
     * {@code getProtocol()}), {@code h2} or {@code h2c} (Tomcat's {@code ServletConnection}), {@code HTTP/1.x}.
     */
    public static Protocol of(String requestProtocol, boolean secure) {
        return switch (requestProtocol.toUpperCase(Locale.ROOT)) {
            case "HTTP/2.0", "HTTP/2", "H2", "H2C" -> secure ? H2 : H2C;
            case "HTTP/1.0" -> HTTP_1_0;
            default -> HTTP_1_1;
        };
    }
}
