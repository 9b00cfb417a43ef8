package dev.keepalivelab.server.socket;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * TLS whose plaintext side is watched as {@link WatchedEndPoint} watches the socket: the bytes of each HTTP/1.x
 * response before encryption, and a client's close_notify, which ends the connection before the socket sees EOF. Its
 * fill decrypts all the records a read brought, so that the protocol above sees what the client sent together.
 */
public final class WatchedSslConnectionFactory extends SslConnectionFactory {
    public WatchedSslConnectionFactory(SslContextFactory.Server tls, String nextProtocol) {
        super(tls, nextProtocol);
    }

    @Override
    protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
        return new SslConnection(connector.getByteBufferPool(), connector.getExecutor(), getSslContextFactory(), endPoint,
                engine, isDirectBuffersForEncryption(), isDirectBuffersForDecryption()) {
            @Override
            protected SslEndPoint newSslEndPoint() {
                return new PlaintextEndPoint(this);
            }
        };
    }

    private static final class PlaintextEndPoint extends SslConnection.SslEndPoint implements ResponseBytes.Counted {
        private final ResponseBytes responseBytes = new ResponseBytes();

        PlaintextEndPoint(SslConnection connection) {
            connection.super();
        }

        @Override
        public ResponseBytes responseBytes() {
            return responseBytes;
        }

        /**
         * Every TLS record already received, where Jetty's fill decrypts one: HTTP/2 parses what a fill gives, then runs
         * the streams it opened, so that a frame in a later record of the same read (DATA after END_STREAM, a window
         * past 2^31-1, a body longer or shorter than its content-length) was parsed only after its stream had been
         * answered. Decrypted in one fill, the bad frame is parsed before the stream is answered, as on h2c, where one
         * read gives both. The cost: one more read of the socket per fill, which finds nothing.
         */
        @Override
        public int fill(ByteBuffer buffer) throws IOException {
            int total = 0;
            int filled;
            do {
                try {
                    filled = super.fill(buffer);
                } catch (IOException failure) {
                    // The records before the bad one are delivered first; the next fill meets the engine that failed.
                    if (total > 0) {
                        return total;
                    }
                    throw failure;
                }
                total += Math.max(0, filled);
            } while (filled > 0 && BufferUtil.space(buffer) > 0);
            if (filled < 0 && getSslConnection().getEndPoint() instanceof WatchedEndPoint socket) {
                socket.clientClosed();
            }
            // An end this fill reached after some records comes again at the next: the engine's or the socket's input is done.
            return total > 0 ? total : filled;
        }

        @Override
        public void write(Callback callback, ByteBuffer... buffers) {
            responseBytes.beforeWrite(buffers);
            super.write(callback, buffers);
        }

        @Override
        public boolean flush(ByteBuffer... buffers) throws IOException {
            return responseBytes.flush(buffers, super::flush);
        }
    }
}
