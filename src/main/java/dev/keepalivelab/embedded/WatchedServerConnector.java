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
     * The selector's own task that Jetty hands to a pool thread and that the lab runs on the selector thread instead:
     * making a new connection's endpoint and connection. The hand-off woke a pool thread, which then woke the selector
     * again to register the connection, for every new connection (docs/performance.md). Ending a connection
     * ({@code ManagedSelector$DestroyEndPoint}) stays on the pool: run where the close happens, IdleFloodIT's
     * half-handshaken TLS connections were sent 20 KB that were not TLS alerts, bytes they could only have got from
     * another connection's output.
     */
    static final Set<String> RUN_ON_SELECTOR = Set.of("org.eclipse.jetty.io.ManagedSelector$Accept");

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
