package dev.keepalivelab.cli;

import dev.keepalivelab.server.TlsKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the main prints once it listens. The first line is for scripts, which parse it: {@code keepalive-lab listening
 * on http://HOST:PORT/}, plus {@code  and https://HOST:PORT/} with HTTPS, both with the actual ports. The HTTPS
 * listener that offers HTTP/1.1 only, if any, has a line of its own; with HTTPS, the certificate's SPKI fingerprint and
 * the Chromium flag that trusts it follow.
 */
final class StartBanner {
    static final String CHROMIUM_SPKI_FLAG = "--ignore-certificate-errors-spki-list=";

    private StartBanner() {
    }

    static List<String> lines(String host, int port, OptionalInt httpsPort, OptionalInt httpsHttp1Port, Optional<TlsKeys> keys) {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        String listening = "keepalive-lab listening on http://" + shownHost + ":" + port + "/";
        if (httpsPort.isEmpty() && httpsHttp1Port.isEmpty()) {
            return List.of(listening);
        }
        List<String> lines = new ArrayList<>();
        lines.add(httpsPort.isPresent() ? listening + " and https://" + shownHost + ":" + httpsPort.getAsInt() + "/" : listening);
        httpsHttp1Port.ifPresent(p -> lines.add("keepalive-lab HTTPS with HTTP/1.1 only on https://" + shownHost + ":" + p + "/"));
        keys.ifPresent(tls -> {
            String fingerprint = tls.spkiFingerprint();
            lines.add("keepalive-lab certificate: " + tls.origin() + "; SHA-256 SPKI fingerprint (base64): " + fingerprint);
            lines.add("keepalive-lab trust it in Chromium (the flag needs a --user-data-dir of its own): chromium"
                    + " --user-data-dir=$(mktemp -d) " + CHROMIUM_SPKI_FLAG + fingerprint);
        });
        return lines;
    }
}
