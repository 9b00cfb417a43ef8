package dev.keepalivelab.server.socket;

import org.eclipse.jetty.io.ManagedSelector;

import java.io.Closeable;
import java.nio.channels.Selector;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The end of a closed connection (Jetty's {@code DestroyEndPoint}: telling the connection and the listeners) as an update
 * of its selector, run exactly once: by the selector, or by the pool where the selector stops without running it.
 */
final class EndOnSelector implements ManagedSelector.SelectorUpdate, Closeable {
    private final Runnable end;
    private final Executor pool;
    private final AtomicBoolean taken = new AtomicBoolean();

    EndOnSelector(Runnable end, Executor pool) {
        this.end = end;
        this.pool = pool;
    }

    @Override
    public void update(Selector selector) {
        if (taken.compareAndSet(false, true)) {
            end.run();
        }
    }

    /** Hands the end to the pool, unless the selector has run it: the selector stopped, or may stop, without running it. */
    @Override
    public void close() {
        if (taken.compareAndSet(false, true)) {
            pool.execute(end);
        }
    }
}
