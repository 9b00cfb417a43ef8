package dev.keepalivelab.embedded;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.Executor;

/** A server connector whose connections are {@link WatchedEndPoint}s, so that the lab learns how each one ends. */
final class WatchedServerConnector extends ServerConnector {
    /**
     * The selector's own tasks that Jetty hands to a pool thread and that the lab runs on the selector thread instead:
     * making a new connection's endpoint and connection, and ending a closed one. Each hand-off wakes a pool thread,
     * which then wakes the selector again, so a new connection per request paid for two (docs/performance.md: about
     * 7 futex calls a request before, 0.3 after, and a sixth less CPU). Both are non-blocking for the lab's
     * connections: in-memory bookkeeping and Jetty's own listeners.
     */
    static final Set<String> RUN_ON_SELECTOR = Set.of(
            "org.eclipse.jetty.io.ManagedSelector$Accept", "org.eclipse.jetty.io.ManagedSelector$DestroyEndPoint");

    WatchedServerConnector(Server server, int acceptors, int selectors, ConnectionFactory... factories) {
        super(server, acceptors, selectors, factories);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(executor, scheduler, selectors) {
            @Override
            protected void execute(Runnable task) {
                if (RUN_ON_SELECTOR.contains(task.getClass().getName())) {
                    task.run();
                } else {
                    super.execute(task);
                }
            }
        };
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        WatchedEndPoint endPoint = new WatchedEndPoint(channel, selector, key, getScheduler(), this::isShutdown);
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
