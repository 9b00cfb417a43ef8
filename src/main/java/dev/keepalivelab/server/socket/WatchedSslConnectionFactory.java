package dev.keepalivelab.server.socket;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * TLS whose plaintext side is watched as {@link WatchedEndPoint} watches the socket: the bytes of each HTTP/1.x
 * response before encryption, and a client's close_notify, which ends the connection before the socket sees EOF.
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

        @Override
        public int fill(ByteBuffer buffer) throws IOException {
            int filled = super.fill(buffer);
            if (filled < 0 && getSslConnection().getEndPoint() instanceof WatchedEndPoint socket) {
                socket.clientClosed();
            }
            return filled;
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
