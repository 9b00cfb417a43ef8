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
import java.util.Arrays;
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

    /**
     * @param tls           the TLS version the probe's handshake agreed, if the target is https
     * @param http2         whether the target speaks HTTP/2 on this URL
     * @param http2Evidence what showed it does or does not, for the message when h2 is asked of a target without it
     */
    record Protocols(Optional<String> tls, boolean http2, String http2Evidence) {
    }

    private TargetProbe() {
    }

    static Protocols probe(URI url, InetSocketAddress address, Optional<TlsTrust> trust) throws BenchFailure {
        String where = url.getHost() + ":" + address.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return trust.isPresent() ? overTls(socket, url, address, trust.get(), where) : cleartext(socket);
        } catch (SocketTimeoutException e) {
            throw new BenchFailure(where + " did not answer within " + TIMEOUT.toSeconds() + "s"
                    + (trust.isPresent() ? " to a TLS handshake: is it a plain http:// port?" : " to the HTTP/2 connection preface"));
        } catch (IOException e) {
            throw new BenchFailure("cannot connect to " + where + " for " + url + ": " + BenchCommand.describe(e));
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
            return new Protocols(Optional.of(socket.getSession().getProtocol()), alpn.equals("h2"), evidence);
        } catch (SSLHandshakeException e) {
            if (causedByCertificate(e)) {
                throw new BenchFailure("the certificate of " + where + " is not trusted (" + BenchCommand.describe(e)
                        + "): give --insecure to bench it anyway, like curl -k");
            }
            throw tlsFailed(where, e);
        } catch (SSLException e) {
            throw tlsFailed(where, e);
        }
    }

    private static boolean causedByCertificate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
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
            return new Protocols(Optional.empty(), true, "it answered the HTTP/2 preface with SETTINGS");
        }
        String answer = firstLine(header, in);
        return new Protocols(Optional.empty(), false, answer.isEmpty()
                ? "it closed the connection on the HTTP/2 preface (no h2c with prior knowledge)"
                : "it answered the HTTP/2 preface with '" + answer + "' (no h2c with prior knowledge)");
    }

    /** The first line of what a host sent instead of a SETTINGS frame, printable, at most 60 characters. */
    private static String firstLine(byte[] start, InputStream in) {
        byte[] more;
        try {
            more = in.readNBytes(60);
        } catch (IOException e) {
            more = new byte[0];
        }
        byte[] all = Arrays.copyOf(start, start.length + more.length);
        System.arraycopy(more, 0, all, start.length, more.length);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\r') >= 0 ? text.indexOf('\r') : text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length();
        return text.substring(0, Math.min(end, 60)).replaceAll("[^\\x20-\\x7e]", "?");
    }
}
