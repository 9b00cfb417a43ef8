package dev.keepalivelab.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client that asks for 400 images at once and reads none: the server's writes fill the socket buffers and its
 * response stalls in progress.
 */
public final class StalledClient {
    private StalledClient() {
    }

    public static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        String request = "GET /test1.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n";
        socket.getOutputStream().write(request.repeat(400).getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }
}
