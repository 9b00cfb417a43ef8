package dev.keepalivelab.bench;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;

/**
 * What a target speaks, asked before measuring so that a mode it cannot serve fails in one line instead of in the
 * middle of a run: over TLS, whether the handshake succeeds with the bench's trust and whether ALPN picks h2; in
 * cleartext, whether the host answers the HTTP/2 connection preface with a SETTINGS frame (h2c with prior knowledge).
 */
final class TargetProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** An empty SETTINGS frame: length 0, type 4, no flags, stream 0. */
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    private static final int FRAME_HEADER = 9;
    private static final int SETTINGS = 4;
    private static final int MAX_LINE = 60;
    /** How long the rest of a non-HTTP/2 answer's first line may take once it has begun. */
    private static final Duration LINE_PAUSE = Duration.ofSeconds(1);

    /**
     * @param http2         whether the target speaks HTTP/2 on this URL
     * @param http2Evidence what showed it does or does not, for the message when h2 is asked of a target without it
     */
    record Protocols(boolean http2, String http2Evidence) {
    }

    private TargetProbe() {
    }

    /**
     * Connects, so that an unreachable host ends the run before it starts; then over TLS, always, the handshake: a
     * certificate or protocol problem ends it too. In cleartext, only when {@code askHttp2}, the HTTP/2 preface: a
     * host that does not answer it within the timeout, or breaks the connection, does not speak h2c.
     */
    static Protocols probe(URI url, InetSocketAddress address, Optional<TlsTrust> trust, boolean askHttp2) throws BenchFailure {
        String where = url.getHost() + ":" + address.getPort();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(address, (int) TIMEOUT.toMillis());
            } catch (IOException e) {
                throw new BenchFailure("cannot connect to " + where + " for " + url + ": " + BenchCommand.describe(e));
            }
            if (trust.isEmpty() && !askHttp2) {
                return new Protocols(false, "not asked");
            }
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            if (trust.isPresent()) {
                return overTls(socket, url, address, trust.get(), where);
            }
            return cleartext(socket);
        } catch (SocketTimeoutException e) {
            if (trust.isPresent()) {
                throw new BenchFailure(where + " did not answer a TLS handshake within " + TIMEOUT.toSeconds() + "s: is it a plain http:// port?");
            }
            return new Protocols(false, "it did not answer the HTTP/2 preface within " + TIMEOUT.toSeconds() + "s");
        } catch (IOException e) {
            if (trust.isPresent()) {
                throw new BenchFailure("the TLS handshake with " + where + " failed: " + BenchCommand.describe(e));
            }
            return new Protocols(false, "the connection broke on the HTTP/2 preface (" + BenchCommand.describe(e) + ")");
        }
    }

    private static Protocols overTls(Socket plain, URI url, InetSocketAddress address, TlsTrust trust, String where)
            throws IOException, BenchFailure {
        try (SSLSocket socket = (SSLSocket) trust.newContext(engine -> { }).getSocketFactory()
                .createSocket(plain, url.getHost(), address.getPort(), false)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            if (trust.checksHostname()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            String alpn = Optional.ofNullable(socket.getApplicationProtocol()).orElse("");
            String evidence = alpn.isEmpty() ? "its TLS handshake offered no ALPN protocol" : "ALPN chose " + alpn + " of h2, http/1.1";
            return new Protocols(alpn.equals("h2"), evidence);
        } catch (SSLHandshakeException e) {
            if (FailureCauses.any(e, CertificateException.class::isInstance)) {
                throw new BenchFailure("the certificate of " + where + " is not trusted (" + BenchCommand.describe(e)
                        + "): give --insecure to bench it anyway, like curl -k");
            }
            throw tlsFailed(where, e);
        } catch (SSLException e) {
            throw tlsFailed(where, e);
        }
    }



    private static BenchFailure tlsFailed(String where, SSLException e) {
        String problem = BenchCommand.describe(e);
        if (problem.contains("Unsupported or unrecognized SSL message")) {
            return new BenchFailure(where + " does not speak TLS (" + problem + "): is it a plain http:// port?");
        }
        return new BenchFailure("the TLS handshake with " + where + " failed: " + problem);
    }

    private static Protocols cleartext(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(PREFACE);
        out.write(EMPTY_SETTINGS);
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] header = in.readNBytes(FRAME_HEADER);
        if (header.length == FRAME_HEADER && header[3] == SETTINGS) {
            return new Protocols(true, "it answered the HTTP/2 preface with SETTINGS");
        }
        socket.setSoTimeout((int) LINE_PAUSE.toMillis());
        String answer = firstLine(header, in);
        return new Protocols(false, answer.isEmpty()
                ? "it closed the connection on the HTTP/2 preface (no h2c with prior knowledge)"
                : "it answered the HTTP/2 preface with '" + answer + "' (no h2c with prior knowledge)");
    }

    /** The first line of what a host sent instead of a SETTINGS frame, printable, at most 60 characters; read until its end or a pause. */
    private static String firstLine(byte[] start, InputStream in) {
        StringBuilder line = new StringBuilder(new String(start, StandardCharsets.ISO_8859_1));
        try {
            int b;
            while (line.indexOf("\n") < 0 && line.length() < MAX_LINE && (b = in.read()) != -1) {
                line.append((char) b);
            }
        } catch (IOException e) {
            // What arrived before the pause or the break is the answer.
        }
        String text = line.toString().split("[\r\n]", 2)[0];
        return text.substring(0, Math.min(text.length(), MAX_LINE)).replaceAll("[^\\x20-\\x7e]", "?");
    }
}
