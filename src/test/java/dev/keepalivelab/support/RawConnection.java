package dev.keepalivelab.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A client socket that writes requests byte for byte and reads responses exactly, so that tests can tell
 * a second response on the same connection from a new connection, and a server close (EOF) from a stall.
 */
public final class RawConnection implements AutoCloseable {
    /** How long any single read may block before the test fails instead of hanging. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /**
     * What this socket saw of the last {@link #SEEN_KEPT} responses the lab labelled, for {@link TestLab} to hold against
     * the lab's record (whose default history is as long); a soak's millions of responses must not fill the heap.
     */
    private final java.util.LinkedList<SocketSaw> seen = new java.util.LinkedList<>();
    static final int SEEN_KEPT = 1000;
    /** A byte read ahead by {@link #readResponseUnlessClosed}, or -1. */
    private int pushedBack = -1;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawConnection open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) READ_TIMEOUT.toMillis());
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawConnection(socket);
    }

    /** Raw HTTP/1 over a socket already connected (such as a handshaken TLS socket). */
    public static RawConnection over(Socket socket) throws IOException {
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return new RawConnection(socket);
    }

    /** Sends {@code method path version} with a Host header and the extra header lines given. */
    public RawResponse exchange(String method, String path, String version, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(' ').append(version).append("\r\n")
                .append("Host: localhost\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        send(request.append("\r\n").toString());
        return readResponse(method.equals("HEAD"));
    }

    /** Ends the connection with a TCP reset (RST) instead of a FIN. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** The client's own port: what the server sees as the remote port. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public RawResponse get(String path, String... headerLines) throws IOException {
        return exchange("GET", path, "HTTP/1.1", headerLines);
    }

    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** What happened after a response on this socket: another response came, or the server closed. */
    public enum Fate { KEPT, CLOSED }

    /**
     * A response as this socket saw it.
     *
     * @param label     its {@code X-Connection-Label}
     * @param index     its {@code X-Connection-Request}
     * @param bodyBytes the body bytes read
     * @param fate      what followed it; null while nothing has
     */
    public record SocketSaw(String label, String index, int bodyBytes, Fate fate) {
    }

    /** Every response the lab labelled that this socket read, oldest first. */
    public List<SocketSaw> seen() {
        return List.copyOf(seen);
    }

    private void saw(RawResponse response) {
        settleLast(Fate.KEPT);
        Optional<String> label = response.header("X-Connection-Label");
        Optional<String> index = response.header("X-Connection-Request");
        if (label.isPresent() && index.isPresent()) {
            seen.add(new SocketSaw(label.get(), index.get(), response.body().length, null));
            if (seen.size() > SEEN_KEPT) {
                seen.removeFirst();
            }
        }
    }

    private void settleLast(Fate fate) {
        int last = seen.size() - 1;
        if (last >= 0 && seen.get(last).fate() == null) {
            SocketSaw response = seen.get(last);
            seen.set(last, new SocketSaw(response.label(), response.index(), response.bodyBytes(), fate));
        }
    }

    public RawResponse readResponse(boolean headRequest) throws IOException {
        RawResponse response = readResponseUnrecorded(headRequest);
        saw(response);
        return response;
    }

    private RawResponse readResponseUnrecorded(boolean headRequest) throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        String statusLine = lines[0];
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = headRequest || status < 200 || status == 204 || status == 304 ? new byte[0] : readBody(headers);
        return new RawResponse(statusLine, status, headers, body);
    }

    /**
     * Reads the next response, or returns empty when the server ended the connection (EOF or reset) before sending
     * a byte of one: a close between responses. A connection that ends inside a response still throws.
     */
    public Optional<RawResponse> readResponseUnlessClosed(boolean headRequest) throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketException e) {
            settleLast(Fate.CLOSED);
            return Optional.empty();
        }
        if (first == -1) {
            settleLast(Fate.CLOSED);
            return Optional.empty();
        }
        pushedBack = first;
        return Optional.of(readResponse(headRequest));
    }

    /**
     * Waits up to {@code max} for the server to close the connection.
     *
     * @return true when EOF (or a reset) arrived, false when the connection was still open after {@code max}
     * @throws IOException when the server sent bytes instead of closing
     */
    public boolean awaitServerClose(Duration max) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) max.toMillis());
        try {
            int b = in.read();
            if (b != -1) {
                throw new IOException("Expected the server to close, but it sent byte " + b);
            }
            settleLast(Fate.CLOSED);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            settleLast(Fate.CLOSED);
            return true; // A reset also ends the connection.
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /** How the server ended a connection, as the socket tells it. */
    public enum End {
        /** EOF: the server's FIN. */
        FIN,
        /** ECONNRESET: the server's RST. */
        RST
    }

    /**
     * Reads until the server ends the connection, within {@link #READ_TIMEOUT}.
     *
     * @throws IOException when the server sent bytes instead, or the connection stayed open
     */
    public End awaitEnd() throws IOException {
        try {
            int b = in.read();
            if (b != -1) {
                throw new IOException("Expected the server to end the connection, but it sent byte " + b);
            }
            settleLast(Fate.CLOSED);
            return End.FIN;
        } catch (SocketException e) {
            if (!String.valueOf(e.getMessage()).contains("Connection reset")) {
                throw e;
            }
            settleLast(Fate.CLOSED);
            return End.RST;
        }
    }

    /** The next response's head, status line and header lines, without the blank line; nothing of its body. */
    public String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] terminator = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = pushedBack >= 0 ? pushedBack : in.read();
            pushedBack = -1;
            if (b == -1) {
                throw new EOFException("Connection closed after " + head.size() + " bytes of a response head");
            }
            head.write(b);
            matched = b == terminator[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    /** Whatever bytes arrive next, at most {@code buffer.length}; -1 at EOF. */
    public int readSome(byte[] buffer) throws IOException {
        return in.read(buffer);
    }

    /** Exactly {@code count} bytes, such as the frames after a protocol switch. */
    public byte[] readExactly(int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException("Connection closed after " + bytes.length + " of " + count + " bytes");
        }
        return bytes;
    }

    private byte[] readBody(Map<String, List<String>> headers) throws IOException {
        List<String> length = headers.get("content-length");
        if (length != null) {
            int expected = Integer.parseInt(length.get(0));
            byte[] body = in.readNBytes(expected);
            if (body.length < expected) {
                throw new EOFException("Connection closed after " + body.length + " of " + expected + " body bytes");
            }
            return body;
        }
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            return readChunked();
        }
        return in.readAllBytes();
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // Trailers are not used by the lab.
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("Connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
