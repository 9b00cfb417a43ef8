package dev.keepalivelab.server;

import dev.keepalivelab.server.socket.WatchedServerConnector;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawH2Connection;
import dev.keepalivelab.support.RawH2Connection.Frame;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.keepalivelab.support.RawH2Connection.DATA;
import static dev.keepalivelab.support.RawH2Connection.FLAG_END_STREAM;
import static dev.keepalivelab.support.RawH2Connection.GOAWAY;
import static dev.keepalivelab.support.RawH2Connection.HEADERS;
import static dev.keepalivelab.support.RawH2Connection.RST_STREAM;
import static dev.keepalivelab.support.RawH2Connection.WINDOW_UPDATE;
import static dev.keepalivelab.support.TestLab.CLOSE_WAIT;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request and, right after it on the same stream, a frame that is a stream error (RFC 9113 5.4.2, 6.9.1, 8.1.1),
 * sent together: the error (RST_STREAM or GOAWAY) leaves before any response HEADERS over TLS as on h2c.
 * <p>
 * Over TLS "together" is one TCP write holding two TLS records, the request's and the bad frame's, as a client that
 * writes each frame on its own sends them. Jetty 12.1.14's TLS end point decrypts one record per fill, and HTTP/2
 * runs the streams of what one fill gave before it fills again; so bare Jetty (its SslConnectionFactory, ALPN and
 * HTTP2ServerConnectionFactory on the lab's own server, handler and certificate) answers first: error-first in 0 of
 * {@value #TRIES} on the core engine in every case, 12 to 19 of {@value #TRIES} on the servlet engine, whose handler
 * starts later (measured on a 2-core machine). The lab's TLS end point decrypts every record the read brought, so
 * that HTTP/2 parses the bad frame before it answers, as on h2c, where one read gives both: {@value #TRIES} of
 * {@value #TRIES} on both. One record holding both frames is error-first on all three.
 * <p>
 * Each case is tried {@value #TRIES} times on each of the three, in one run: the lab over TLS must do as well as h2c
 * and as bare Jetty over TLS, less {@value #TOLERANCE} for a read that splits the write.
 */
class Http2TlsErrorOrderWireTest {
    static final int TRIES = 20;
    static final int TOLERANCE = 2;
    static final String PICTURE = "/test1.jpg";
    private static final Predicate<Frame> ERROR = f -> f.is(RST_STREAM, 1) || f.type() == GOAWAY;
    private static final Predicate<Frame> RESPONSE = f -> f.is(HEADERS, 1);
    /** The response's last frame: after it, a server that has not refused the stream never will (it is closed). */
    private static final Predicate<Frame> ANSWERED = f -> f.stream() == 1 && (f.flags() & FLAG_END_STREAM) != 0;

    /** The request on stream 1 and the frame after it that the server must refuse. */
    enum BadFrame {
        DATA_AFTER_END_STREAM, WINDOW_PAST_MAX, BODY_LONGER_THAN_CONTENT_LENGTH, BODY_SHORTER_THAN_CONTENT_LENGTH;

        Frame request(RawH2Connection h2) {
            return switch (this) {
                case DATA_AFTER_END_STREAM, WINDOW_PAST_MAX -> h2.getHeaders(1, PICTURE);
                case BODY_LONGER_THAN_CONTENT_LENGTH -> h2.postHeaders(1, PICTURE, 5);
                case BODY_SHORTER_THAN_CONTENT_LENGTH -> h2.postHeaders(1, PICTURE, 10);
            };
        }

        Frame bad() {
            return switch (this) {
                case DATA_AFTER_END_STREAM -> new Frame(DATA, FLAG_END_STREAM, 1, new byte[1]);
                case WINDOW_PAST_MAX -> new Frame(WINDOW_UPDATE, 0, 1, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
                case BODY_LONGER_THAN_CONTENT_LENGTH -> new Frame(DATA, FLAG_END_STREAM, 1, new byte[10]);
                case BODY_SHORTER_THAN_CONTENT_LENGTH -> new Frame(DATA, FLAG_END_STREAM, 1, new byte[5]);
            };
        }
    }

    /** One way to send a case's two frames together: over TLS to a port, or h2c to the lab's plain port. */
    private interface Sent {
        RawH2Connection send(BadFrame bad) throws Exception;
    }

    /** Both frames in one TLS record: the end point decrypts them in one fill, on Jetty's TLS as on the lab's. */
    @ParameterizedTest
    @EnumSource(BadFrame.class)
    void inOneRecordTheStreamErrorLeavesBeforeTheResponse(BadFrame bad) throws Exception {
        assertErrorFirstOverTlsAsOnH2c(bad, false);
    }

    /** A record each, in one TCP write: what Jetty's TLS decrypts one fill at a time. */
    @ParameterizedTest
    @EnumSource(BadFrame.class)
    void inTwoRecordsOfOneWriteTheStreamErrorLeavesBeforeTheResponse(BadFrame bad) throws Exception {
        assertErrorFirstOverTlsAsOnH2c(bad, true);
    }

    private static void assertErrorFirstOverTlsAsOnH2c(BadFrame bad, boolean recordEach) throws Exception {
        try (TestLab lab = TestLab.start(Map.of(), TestLab.httpsSettings())) {
            int bareJettyPort = bareJettyTls(lab).getLocalPort();
            int labTls = errorFirst(bad, b -> overTls(lab, lab.httpsPort(), b, recordEach));
            int labH2c = errorFirst(bad, b -> {
                RawH2Connection h2 = RawH2Connection.priorKnowledge(lab.port(), Map.of());
                h2.inOneWrite(b.request(h2), b.bad());
                return h2;
            });
            int bareJetty = errorFirst(bad, b -> overTls(lab, bareJettyPort, b, recordEach));
            String counts = "error first of " + TRIES + ": lab over TLS " + labTls + ", lab h2c " + labH2c
                    + ", bare Jetty over TLS " + bareJetty;
            assertTrue(labTls >= labH2c - TOLERANCE, "as on h2c; " + counts);
            assertTrue(labTls >= bareJetty - TOLERANCE, "no worse than bare Jetty; " + counts);
        }
    }

    /** In how many of {@link #TRIES} connections the error came before any response HEADERS on the stream. */
    private static int errorFirst(BadFrame bad, Sent sent) throws Exception {
        int errorFirst = 0;
        for (int i = 0; i < TRIES; i++) {
            try (RawH2Connection h2 = sent.send(bad)) {
                h2.await(ERROR.or(ANSWERED), CLOSE_WAIT);
                List<Frame> frames = h2.received();
                int response = indexOf(frames, RESPONSE);
                int error = indexOf(frames, ERROR);
                if (error >= 0 && (response < 0 || error < response)) {
                    errorFirst++;
                }
            }
        }
        return errorFirst;
    }

    /** The request and the bad frame in one write: one TLS record, or where {@code recordEach} a record each in one TCP write. */
    private static RawH2Connection overTls(TestLab lab, int port, BadFrame bad, boolean recordEach) throws Exception {
        HeldSocket tcp = new HeldSocket();
        tcp.connect(new InetSocketAddress("127.0.0.1", port), (int) RawConnection.READ_TIMEOUT.toMillis());
        tcp.setSoTimeout((int) RawConnection.READ_TIMEOUT.toMillis());
        SSLSocket tls = (SSLSocket) lab.trustingClientContext().getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setApplicationProtocols(new String[]{"h2"});
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        RawH2Connection h2 = RawH2Connection.overTls(tls, Map.of());
        if (recordEach) {
            tcp.hold();
            h2.inOneWrite(bad.request(h2));
            h2.inOneWrite(bad.bad());
            tcp.release();
        } else {
            h2.inOneWrite(bad.request(h2), bad.bad());
        }
        return h2;
    }

    private static int indexOf(List<Frame> frames, Predicate<Frame> which) {
        for (int i = 0; i < frames.size(); i++) {
            if (which.test(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Bare Jetty's TLS and HTTP/2 (its own SslConnectionFactory, ALPN and HTTP2ServerConnectionFactory), added to the
     * lab's server: the lab's handler and certificate. Only the socket is the lab's, for the handler needs the
     * connection it carries; TLS does not see it.
     */
    private static ServerConnector bareJettyTls(TestLab lab) throws Exception {
        SslContextFactory.Server tls = LabConnectors.tls(LabServer.tlsKeys(lab.server()).orElseThrow());
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2");
        ServerConnector connector = new WatchedServerConnector(lab.server(), -1, -1,
                new SslConnectionFactory(tls, alpn.getProtocol()), alpn, new HTTP2ServerConnectionFactory(config));
        connector.setHost("127.0.0.1");
        lab.server().addConnector(connector);
        if (!connector.isStarted()) {
            connector.start();
        }
        return connector;
    }

    /** A TCP socket whose writes can be held, and then go out in one write: TLS records written meanwhile leave together. */
    private static final class HeldSocket extends Socket {
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private boolean holding;
        private OutputStream out;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream socket = super.getOutputStream();
                out = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[]{(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        synchronized (HeldSocket.this) {
                            if (holding) {
                                held.write(bytes, offset, length);
                            } else {
                                socket.write(bytes, offset, length);
                            }
                        }
                    }
                };
            }
            return out;
        }

        synchronized void hold() {
            holding = true;
        }

        synchronized void release() throws IOException {
            holding = false;
            super.getOutputStream().write(held.toByteArray());
            held.reset();
        }
    }
}
