package dev.keepalivelab.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * An HTTP/2 client that writes frames by hand, for the frames a well-behaved client never sends (floods, more streams
 * than the server allows). A reader thread collects every frame the server sends and acknowledges its SETTINGS and
 * its PINGs (unless a test withholds them).
 */
public final class RawH2Connection implements AutoCloseable {
    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int FLAG_END_STREAM = 0x1;
    public static final int FLAG_ACK = 0x1;
    public static final int FLAG_END_HEADERS = 0x4;
    public static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    public static final int CANCEL = 0x8;
    public static final int REFUSED_STREAM = 0x7;
    public static final int ENHANCE_YOUR_CALM = 0xb;
    /** The last stream of a graceful GOAWAY, the notice that the server will go away (RFC 9113, 6.8). */
    public static final int GRACEFUL_LAST_STREAM = Integer.MAX_VALUE;
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** One frame as received. */
    public record Frame(int type, int flags, int stream, byte[] payload) {
        /** The error code of a RST_STREAM or GOAWAY frame. */
        public int errorCode() {
            return ByteBuffer.wrap(payload, type == GOAWAY ? 4 : 0, 4).getInt();
        }

        /** The last stream a GOAWAY says the server took. */
        public int lastStreamId() {
            return ByteBuffer.wrap(payload, 0, 4).getInt() & 0x7fffffff;
        }

        /** A GOAWAY's debug data, as text. */
        public String debugData() {
            return new String(payload, 8, payload.length - 8, StandardCharsets.UTF_8);
        }

        /** A GOAWAY that names the last stream the server took, not a graceful notice. */
        public boolean isFinalGoAway() {
            return type == GOAWAY && lastStreamId() != GRACEFUL_LAST_STREAM;
        }

        /** A PING that asks for an ACK. */
        public boolean isPingToAnswer() {
            return type == PING && (flags & FLAG_ACK) == 0;
        }

        public boolean is(int frameType, int stream) {
            return type == frameType && this.stream == stream;
        }

        @Override
        public String toString() {
            return "frame type " + type + " flags " + flags + " stream " + stream + " (" + payload.length + " bytes)";
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final boolean tls;
    private final List<Frame> received = new ArrayList<>();
    private final CompletableFuture<Long> closedAt = new CompletableFuture<>();
    /**
     * Whether a read or a write on this socket received ECONNRESET. The kernel reports a reset once, to whichever call
     * comes first: when the reader thread acknowledges a SETTINGS frame after the server's RST has arrived, its write
     * takes the ECONNRESET and its next read returns EOF (seen in a capture and strace: RST on the wire, then
     * {@code write(SETTINGS ACK) = -1 ECONNRESET}, then {@code read() = 0}). Only an RST gives ECONNRESET: a reset
     * after the server's FIN gives EPIPE.
     */
    private volatile boolean reset;
    /** Whether the reader answers the server's PINGs, as every client must; a test withholds the ACK to choose its moment. */
    private volatile boolean answerPings = true;

    private RawH2Connection(Socket socket, boolean tls, Map<Integer, Integer> settings) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.tls = tls;
        Thread reader = new Thread(this::readFrames, "raw-h2-reader-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        start.writeBytes(PREFACE);
        start.writeBytes(frame(SETTINGS, 0, 0, settingsPayload(settings)));
        writeOrClosed(start.toByteArray());
    }

    /** h2c by prior knowledge on the plain port, announcing {@code settings}. */
    public static RawH2Connection priorKnowledge(int port, Map<Integer, Integer> settings) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) RawConnection.READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawH2Connection(socket, false, settings);
    }

    /** h2 over a TLS socket whose handshake chose ALPN h2, announcing {@code settings}. */
    public static RawH2Connection overTls(Socket negotiatedH2, Map<Integer, Integer> settings) throws IOException {
        negotiatedH2.setTcpNoDelay(true);
        return new RawH2Connection(negotiatedH2, true, settings);
    }

    /** A GET of {@code path} on a new stream, HEADERS with END_STREAM; false when the server had closed the connection. */
    public boolean get(int stream, String path) {
        return writeOrClosed(frame(HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, stream, getHeaderBlock(path)));
    }

    /** A GET on a new stream, then at once RST_STREAM(CANCEL) on it, in one write: one round of a rapid reset. */
    public boolean getAndReset(int stream, String path) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(frame(HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, stream, getHeaderBlock(path)));
        both.writeBytes(frame(RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(CANCEL).array()));
        return writeOrClosed(both.toByteArray());
    }

    /** GETs of each path, on the streams given (in rising order), in one write: the server has them all before it answers one. */
    public boolean getAll(Map<Integer, String> pathsByStream) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        pathsByStream.forEach((stream, path) -> all.writeBytes(frame(HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, stream, getHeaderBlock(path))));
        return writeOrClosed(all.toByteArray());
    }

    /** A POST of {@code path} on a new stream announcing a body of {@code contentLength} bytes: HEADERS without END_STREAM. */
    public boolean post(int stream, String path, int contentLength) {
        return inOneWrite(postHeaders(stream, path, contentLength));
    }

    /** The HEADERS frame {@link #get} writes, to send with others by {@link #inOneWrite}. */
    public Frame getHeaders(int stream, String path) {
        return new Frame(HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, stream, getHeaderBlock(path));
    }

    /** The HEADERS frame {@link #post} writes, to send with others by {@link #inOneWrite}. */
    public Frame postHeaders(int stream, String path, int contentLength) {
        byte[] get = getHeaderBlock(path);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x83); // :method POST in place of GET
        block.write(get, 1, get.length - 1);
        byte[] length = Integer.toString(contentLength).getBytes(StandardCharsets.ISO_8859_1);
        block.write(0x0f); // content-length, static table index 28: 15 in the 4-bit prefix, then 13
        block.write(28 - 15);
        block.write(length.length);
        block.writeBytes(length);
        return new Frame(HEADERS, FLAG_END_HEADERS, stream, block.toByteArray());
    }

    /** {@code frames} in one write (over TLS, one record): the server decodes them all before it answers any. */
    public boolean inOneWrite(Frame... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Frame f : frames) {
            all.writeBytes(frame(f.type(), f.flags(), f.stream(), f.payload()));
        }
        return writeOrClosed(all.toByteArray());
    }

    /** A DATA frame of {@code bytes} on {@code stream}, the last of its body where {@code endStream}. */
    public boolean data(int stream, byte[] bytes, boolean endStream) {
        return writeOrClosed(frame(DATA, endStream ? FLAG_END_STREAM : 0, stream, bytes));
    }

    /** The client's GOAWAY (no error, last stream 0): it goes away first. */
    public boolean goAway() {
        return writeOrClosed(frame(GOAWAY, 0, 0, ByteBuffer.allocate(8).putInt(0).putInt(0).array()));
    }

    /** The client's own port: what the server records as the remote port. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public boolean settings(Map<Integer, Integer> settings) {
        return writeOrClosed(frame(SETTINGS, 0, 0, settingsPayload(settings)));
    }

    public boolean ping() {
        return writeOrClosed(frame(PING, 0, 0, new byte[8]));
    }

    /** From now the server's PINGs are not answered, until the test sends {@link #answer} itself. */
    public void withholdPingAcks() {
        answerPings = false;
    }

    /** The ACK of the server's {@code ping}, with its payload. */
    public boolean answer(Frame ping) {
        return writeOrClosed(frame(PING, FLAG_ACK, 0, ping.payload()));
    }

    /** Opens the flow-control window of {@code stream} (0: the connection) by {@code bytes}. */
    public boolean windowUpdate(int stream, int bytes) {
        return writeOrClosed(frame(WINDOW_UPDATE, 0, stream, ByteBuffer.allocate(4).putInt(bytes).array()));
    }

    /** Every frame received so far, oldest first. */
    public List<Frame> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public long count(Predicate<Frame> which) {
        return received().stream().filter(which).count();
    }

    public boolean goneAway() {
        return count(f -> f.type() == GOAWAY) > 0;
    }

    /** Waits for a frame that matches; fails when none has come within {@code max}. */
    public Frame await(Predicate<Frame> which, Duration max) throws InterruptedException {
        Await.Polled<List<Frame>> frames = Await.poll(max, this::received, received -> received.stream().anyMatch(which));
        if (!frames.met()) {
            throw new AssertionError("no such frame within " + max.toMillis() + " ms; received " + summary());
        }
        return frames.value().stream().filter(which).findFirst().orElseThrow();
    }

    /** How many frames of each type have been received, such as {@code {4=130, 3=2}} (type 4 SETTINGS, 3 RST_STREAM). */
    public String summary() {
        return received().stream().collect(java.util.stream.Collectors.groupingBy(Frame::type, java.util.TreeMap::new,
                java.util.stream.Collectors.counting())).toString() + " frames by type";
    }

    /** The server's first GOAWAY: the graceful notice where the server sends one. */
    public Frame awaitGoAway(Duration max) throws InterruptedException {
        return await(f -> f.type() == GOAWAY, max);
    }

    /** The server's GOAWAY that names the last stream it took. */
    public Frame awaitFinalGoAway(Duration max) throws InterruptedException {
        return await(Frame::isFinalGoAway, max);
    }

    /** How the server ended the connection, RST or FIN; valid once {@link #awaitClose} saw the end. */
    public RawConnection.End end() {
        if (!closedAt.isDone()) {
            throw new IllegalStateException("the connection is still open");
        }
        return reset ? RawConnection.End.RST : RawConnection.End.FIN;
    }

    /** Waits for the server's close (EOF or reset); the System.nanoTime() it was seen, or empty if not within {@code max}. */
    public java.util.OptionalLong awaitClose(Duration max) throws InterruptedException {
        try {
            return java.util.OptionalLong.of(closedAt.get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return java.util.OptionalLong.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readFrames() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = new byte[length];
                in.readFully(payload);
                Frame frame = new Frame(type, flags, stream, payload);
                synchronized (received) {
                    received.add(frame);
                }
                if (type == SETTINGS && (flags & FLAG_ACK) == 0) {
                    writeOrClosed(frame(SETTINGS, FLAG_ACK, 0, new byte[0]));
                } else if (frame.isPingToAnswer() && answerPings) {
                    answer(frame);
                }
            }
        } catch (IOException endOfStreamOrReset) {
            reset |= isReset(endOfStreamOrReset);
            closedAt.complete(System.nanoTime());
        }
    }

    /** Writes the bytes; false when the server had closed the connection. */
    private boolean writeOrClosed(byte[] bytes) {
        try {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
            return true;
        } catch (IOException closed) {
            reset |= isReset(closed);
            return false;
        }
    }

    private static boolean isReset(IOException e) {
        return e instanceof java.net.SocketException && String.valueOf(e.getMessage()).contains("Connection reset");
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload).array();
    }

    static byte[] settingsPayload(Map<Integer, Integer> settings) {
        ByteBuffer payload = ByteBuffer.allocate(6 * settings.size());
        settings.forEach((key, value) -> payload.putShort(key.shortValue()).putInt(value));
        return payload.array();
    }

    /**
     * HPACK for GET {@code path} on localhost: {@code :method GET} and {@code :scheme} from the static table, then
     * {@code :path} and {@code :authority} as literals without indexing and without Huffman coding.
     */
    byte[] getHeaderBlock(String path) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET
        block.write(tls ? 0x87 : 0x86); // :scheme https / http
        literal(block, 0x04, path); // :path
        literal(block, 0x01, "localhost"); // :authority
        return block.toByteArray();
    }

    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > 126) {
            throw new IllegalArgumentException("a value this short client writes its length in one byte: " + value);
        }
        block.write(nameIndex);
        block.write(bytes.length);
        block.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
