package dev.keepalivelab.lab.control;

import dev.keepalivelab.settings.ControlAccess;
import dev.keepalivelab.settings.Setting;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may drive the lab through the control API: the {@code control} setting's rule on the client's address (the
 * socket's peer, never a header), and what keeps a web page in a browser on this machine from driving it: under
 * {@code loopback} the request must name a loopback host (a page served under another name that resolves here, DNS
 * rebinding, is refused), a request with an {@code Origin} must come from the lab's own origin (a cross-site page), and
 * a body must say it is {@code application/json} (which a page cannot send across sites without a preflight, which the
 * lab never allows).
 */
final class ControlGate {
    static final String JSON = "application/json";
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String HOW = " (init-param " + Setting.CONTROL.paramName() + ", flag " + Setting.CONTROL.flag()
            + "; docs/control-api.md).";

    private final ControlAccess access;

    ControlGate(ControlAccess access) {
        this.access = access;
    }

    /** A 403 for a request the control API does not answer; empty where it may. */
    Optional<ControlAnswer> refusal(ControlRequest request) {
        return refusalText(request).map(message -> ControlAnswer.error(403, message));
    }

    private Optional<String> refusalText(ControlRequest request) {
        String remote = request.remoteAddress();
        String host = request.authority();
        String origin = request.header().apply("Origin");
        if (access == ControlAccess.OFF) {
            return Optional.of("The control API is off: setting " + Setting.CONTROL.paramName() + " is " + access + "; set it to "
                    + ControlAccess.LOOPBACK + " (loopback clients) or " + ControlAccess.ON + " (any client)" + HOW);
        }
        if (access == ControlAccess.LOOPBACK && !isLoopbackAddress(remote)) {
            return Optional.of("The control API answers loopback clients only: setting " + Setting.CONTROL.paramName() + " is "
                    + access + " and this request came from " + remote + ", which is not a loopback address (127.0.0.0/8, ::1),"
                    + " even where it is one of this machine's own; set it to " + ControlAccess.ON + " to let any client drive"
                    + " the lab" + HOW);
        }
        if (access == ControlAccess.LOOPBACK && !isLoopbackHost(host)) {
            return Optional.of("The control API answers requests for a loopback host only: setting " + Setting.CONTROL.paramName()
                    + " is " + access + " and this request " + (host == null ? "names no host" : "names host " + host)
                    + ", not localhost, a name under .localhost, 127.0.0.0/8 or [::1], so that a web page reaching this machine"
                    + " under another name (DNS rebinding) cannot drive the lab. Ask for http://localhost:PORT/control/..., or set"
                    + " it to " + ControlAccess.ON + " to let any client drive the lab" + HOW);
        }
        if (origin != null && !sameOrigin(origin, host, request.secure())) {
            return Optional.of("The control API refuses cross-site requests: Origin " + origin + " is not the origin of this"
                    + " request's own host (" + (host == null ? "none" : host) + "), so a web page elsewhere sent it. A client"
                    + " that is not a web page sends no Origin (docs/control-api.md).");
        }
        return Optional.empty();
    }

    /** A 415 for a body that does not say it is {@value #JSON}; empty where it does. */
    static Optional<ControlAnswer> unsupportedBody(ControlRequest request) {
        String type = request.header().apply("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.equals(JSON)) {
            return Optional.empty();
        }
        return Optional.of(ControlAnswer.error(415, (type == null ? "The request has no Content-Type" : "Unsupported Content-Type "
                + type) + ": " + request.method() + " " + request.path() + " takes " + JSON + " (a charset parameter may follow),"
                + " a body such as " + ArmingBody.EXAMPLE + "."));
    }

    /** Whether {@code address}, an IP address as a server gives it (IPv6 perhaps in brackets), is a loopback address. */
    static boolean isLoopbackAddress(String address) {
        if (address == null) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.contains(":") && !IPV4_LITERAL.matcher(literal).matches()) {
            return false; // Not an address literal: never looked up.
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether {@code authority} (a Host header's value) names this machine's loopback: localhost, *.localhost or a loopback literal. */
    static boolean isLoopbackHost(String authority) {
        String host = hostOf(authority);
        if (host == null) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower; // localhost. is fully qualified
        return name.equals("localhost") || name.endsWith(".localhost") || (name.startsWith("[") || IPV4_LITERAL.matcher(name).matches())
                && isLoopbackAddress(name);
    }

    /** The host of {@code authority}, without its port (an IPv6 literal keeps its brackets); null for none. */
    private static String hostOf(String authority) {
        if (authority == null || authority.isEmpty()) {
            return null;
        }
        int end = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.lastIndexOf(':');
        return end <= 0 ? authority : authority.substring(0, end);
    }

    /** Whether {@code origin} is the origin of a request for {@code authority} over http ({@code secure}: https). */
    static boolean sameOrigin(String origin, String authority, boolean secure) {
        if (authority == null) {
            return false;
        }
        String scheme = secure ? "https" : "http";
        try {
            URI theirs = new URI(origin);
            URI ours = new URI(scheme + "://" + authority);
            return scheme.equalsIgnoreCase(theirs.getScheme()) && theirs.getHost() != null && ours.getHost() != null
                    && theirs.getHost().equalsIgnoreCase(ours.getHost()) && port(theirs, secure) == port(ours, secure)
                    && (theirs.getRawPath() == null || theirs.getRawPath().isEmpty());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri, boolean secure) {
        return uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
    }
}
