package dev.keepalivelab.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.nio.ByteBuffer;

/** TLS records as bytes on the wire, for clients that speak TLS wrongly or not at all. */
public final class TlsRecords {
    public static final byte ALERT = 0x15;
    public static final byte HANDSHAKE = 0x16;
    /** An alert record's length: 5 bytes of header, then level and description. */
    public static final int ALERT_RECORD_LENGTH = 7;

    private TlsRecords() {
    }

    /** The ClientHello the JDK's TLS client sends first. */
    public static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    /** Whether {@code bytes} are nothing but whole plaintext alert records (none at all included). */
    public static boolean onlyAlerts(byte[] bytes) {
        if (bytes.length % ALERT_RECORD_LENGTH != 0) {
            return false;
        }
        for (int i = 0; i < bytes.length; i += ALERT_RECORD_LENGTH) {
            if (bytes[i] != ALERT || bytes[i + 3] != 0 || bytes[i + 4] != 2) {
                return false;
            }
        }
        return true;
    }
}
