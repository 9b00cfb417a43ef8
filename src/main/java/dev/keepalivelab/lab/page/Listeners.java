package dev.keepalivelab.lab.page;

import java.util.OptionalInt;

/**
 * The HTTPS ports the lab is also served on, once the server listens, so that the page can link the three cases a
 * browser meets: HTTP/2 ({@code https}), and HTTP/1.1 keep-alive and close over TLS ({@code httpsHttp1}, which offers
 * HTTP/1.1 only). As a servlet context attribute it is text: {@code https=8443,https-http1=8444}.
 *
 * @param https      the port that offers h2 and http/1.1
 * @param httpsHttp1 the port that offers http/1.1 only
 */
public record Listeners(OptionalInt https, OptionalInt httpsHttp1) {
    public static final Listeners NONE = new Listeners(OptionalInt.empty(), OptionalInt.empty());
    private static final String HTTPS = "https";
    private static final String HTTPS_HTTP1 = "https-http1";

    /** This as the context attribute's text. */
    public String attribute() {
        StringBuilder text = new StringBuilder();
        https.ifPresent(port -> text.append(HTTPS).append('=').append(port));
        httpsHttp1.ifPresent(port -> text.append(text.isEmpty() ? "" : ",").append(HTTPS_HTTP1).append('=').append(port));
        return text.toString();
    }

    /** The listeners an {@link #attribute()} text names; what it does not name, or names wrongly, is absent. */
    public static Listeners parse(String attribute) {
        OptionalInt https = OptionalInt.empty();
        OptionalInt httpsHttp1 = OptionalInt.empty();
        for (String entry : attribute.split(",")) {
            String[] nameAndPort = entry.trim().split("=", 2);
            if (nameAndPort.length != 2 || !nameAndPort[1].matches("\\d{1,5}")) {
                continue;
            }
            OptionalInt port = OptionalInt.of(Integer.parseInt(nameAndPort[1]));
            switch (nameAndPort[0]) {
                case HTTPS -> https = port;
                case HTTPS_HTTP1 -> httpsHttp1 = port;
                default -> { }
            }
        }
        return new Listeners(https, httpsHttp1);
    }

    /** The page's data attributes that name these ports, for its script to build links on the visitor's own host name. */
    String dataAttributes() {
        StringBuilder data = new StringBuilder();
        https.ifPresent(port -> data.append(" data-https=\"").append(port).append('"'));
        httpsHttp1.ifPresent(port -> data.append(" data-https-http1=\"").append(port).append('"'));
        return data.toString();
    }
}
