package dev.keepalivelab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy on loopback that emulates network latency: every byte takes half the round-trip time to cross in
 * either direction, and the client's first bytes on a new connection leave only after one round trip (the
 * handshake: SYN, SYN-ACK). So a request on a new connection is answered after at least 2 RTT, a request on
 * an open connection after at least 1 RTT. TLS is bytes like any other, so its handshake pays its own round trips.
 * No bandwidth limit, loss or slow start is modelled.
 */
final class DelayProxy implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int CHUNK = 64 * 1024;

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long rttNanos;
    private final ExecutorService threads;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder lateNanos = new LongAdder();
    private final LongAccumulator maxLateNanos = new LongAccumulator(Math::max, 0);

    /**
     * The proxy's own cost: how long after it was due each chunk of bytes actually left (thread wake-up and
     * scheduling), added on top of the model to every exchange.
     */
    record Lateness(long chunks, double meanMillis, double maxMillis) {
    }

    private DelayProxy(ServerSocket listener, InetSocketAddress target, Duration rtt) {
        this.listener = listener;
        this.target = target;
        this.rttNanos = rtt.toNanos();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bench-rtt-proxy");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Listens on a free loopback port and forwards each connection to {@code target}. */
    static DelayProxy start(InetSocketAddress target, Duration rtt) throws IOException {
        DelayProxy proxy = new DelayProxy(new ServerSocket(0, 256, InetAddress.getLoopbackAddress()), target, rtt);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    Lateness lateness() {
        long chunks = delivered.sum();
        return new Lateness(chunks, chunks == 0 ? 0 : lateNanos.sum() / 1e6 / chunks, maxLateNanos.get() / 1e6);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = track(listener.accept());
                long handshakeDone = System.nanoTime() + rttNanos;
                threads.execute(() -> link(client, handshakeDone));
            } catch (IOException | RejectedExecutionException e) {
                return; // Closed.
            }
        }
    }

    private void link(Socket client, long handshakeDone) {
        Socket upstream = track(new Socket());
        try {
            upstream.connect(target, (int) CONNECT_TIMEOUT.toMillis());
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            untrack(client, upstream);
            return;
        }
        AtomicInteger openDirections = new AtomicInteger(2);
        Runnable done = () -> {
            if (openDirections.decrementAndGet() == 0) {
                untrack(client, upstream);
            }
        };
        pipe(client, upstream, handshakeDone, done);
        pipe(upstream, client, 0, done);
    }

    /** Copies {@code from} to {@code to}, each chunk delivered half an RTT after it was read, but not before {@code notBefore}. */
    private void pipe(Socket from, Socket to, long notBefore, Runnable done) {
        BlockingQueue<Chunk> inFlight = new DelayQueue<>();
        threads.execute(() -> read(from, notBefore, inFlight));
        threads.execute(() -> deliver(from, to, inFlight, done));
    }

    private void read(Socket from, long notBefore, BlockingQueue<Chunk> inFlight) {
        try {
            InputStream in = from.getInputStream();
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) != -1) {
                inFlight.add(chunk(Signal.DATA, Arrays.copyOf(buffer, n), notBefore));
            }
            inFlight.add(chunk(Signal.EOF, null, notBefore));
        } catch (IOException e) {
            inFlight.add(chunk(Signal.RESET, null, notBefore));
        }
    }

    private Chunk chunk(Signal signal, byte[] bytes, long notBefore) {
        long sent = Math.max(System.nanoTime(), notBefore);
        return new Chunk(signal, bytes, sent + rttNanos / 2, sequence.incrementAndGet());
    }

    private void deliver(Socket from, Socket to, BlockingQueue<Chunk> inFlight, Runnable done) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = inFlight.take();
                long late = System.nanoTime() - chunk.dueNanos();
                delivered.increment();
                lateNanos.add(late);
                maxLateNanos.accumulate(late);
                if (chunk.signal() == Signal.EOF) {
                    to.shutdownOutput();
                    break;
                }
                if (chunk.signal() == Signal.RESET) {
                    closeQuietly(from, to);
                    break;
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException e) {
            closeQuietly(from, to);
        } catch (InterruptedException e) {
            closeQuietly(from, to);
            Thread.currentThread().interrupt();
        }
        done.run();
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }

    /** Remembers a socket, so that closing the proxy closes it even if its threads never ran. */
    private Socket track(Socket socket) {
        sockets.add(socket);
        return socket;
    }

    private void untrack(Socket... ended) {
        closeQuietly(ended);
        for (Socket socket : ended) {
            sockets.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
        sockets.forEach(socket -> closeQuietly(socket));
    }

    /** What a chunk carries: bytes, the sender's end of stream, or a broken connection. */
    private enum Signal {
        DATA, EOF, RESET
    }

    /** Bytes in flight, due at {@code dueNanos}; the sequence keeps chunks due at the same instant in order. */
    private record Chunk(Signal signal, byte[] bytes, long dueNanos, long sequence) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Chunk that = (Chunk) other;
            int byDue = Long.signum(dueNanos - that.dueNanos);
            return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
        }
    }
}
