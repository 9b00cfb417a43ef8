package dev.keepalivelab.server.socket;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.Closeable;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/** A server connector whose connections are {@link WatchedEndPoint}s, so that the lab learns how each one ends. */
public final class WatchedServerConnector extends ServerConnector {
    public WatchedServerConnector(Server server, int acceptors, int selectors, ConnectionFactory... factories) {
        super(server, acceptors, selectors, factories);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new SelectorThreadManager(executor, scheduler, selectors);
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        WatchedEndPoint endPoint = new WatchedEndPoint(channel, selector, key, getScheduler(), this::isShutdown);
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }

    /**
     * Opens and ends each connection on its selector's thread, where Jetty hands both to a pool thread (with a new
     * connection per request, the task switches took a third of the lab's CPU: docs/performance.md). Jetty's
     * {@code Accept} runs where the selector's update runs it. Jetty's {@code DestroyEndPoint} must not run inside the
     * close, on the thread that closed: there it gave the connection's buffers back to the pool while the code that
     * closed still used them, most likely through Jetty's reentrant per-connection locks (a silent TLS connection then
     * received another's bytes: IdleFloodIT). It goes to the closing socket's selector as an update instead, which runs
     * after that code has returned or, closed from another thread, beside it, as Jetty's pool would. So listeners on
     * these connectors must not block.
     */
    private final class SelectorThreadManager extends ServerConnectorManager {
        SelectorThreadManager(Executor executor, Scheduler scheduler, int selectors) {
            super(executor, scheduler, selectors);
        }

        @Override
        protected void execute(Runnable task) {
            if (task instanceof ManagedSelector.SelectorUpdate) { // Accept, on the selector's thread
                task.run();
                return;
            }
            ManagedSelector closing = WatchedEndPoint.selectorClosingOnThisThread();
            if (closing != null && task instanceof Closeable && isSelecting(closing)) { // DestroyEndPoint
                EndOnSelector end = new EndOnSelector(task, super::execute);
                closing.submit(end);
                if (!isSelecting(closing)) { // It began to stop, and may never run the update.
                    end.close();
                }
            } else {
                super.execute(task);
            }
        }

        private static boolean isSelecting(ManagedSelector selector) {
            return selector.isRunning() && selector.getSelector() != null;
        }
    }
}
