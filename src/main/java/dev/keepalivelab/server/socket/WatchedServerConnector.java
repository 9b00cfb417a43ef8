package dev.keepalivelab.server.socket;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.Closeable;
import java.util.concurrent.Executor;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** A server connector whose connections are {@link WatchedEndPoint}s, so that the lab learns how each one ends. */
public final class WatchedServerConnector extends ServerConnector {
    public WatchedServerConnector(Server server, int acceptors, int selectors, ConnectionFactory... factories) {
        super(server, acceptors, selectors, factories);
    }

    /**
     * Opens and ends a connection on the thread that saw it happen. Jetty's selector hands every accepted socket (to make
     * its end point and connection) and every closed one (to tell them) to a pool thread: two hand-offs per connection,
     * 3.6 context switches and a third of the CPU of a new connection per request (perf, under ab). Neither task blocks
     * here: the lab's connections open and close without I/O of their own. The selector's own start is not such a task.
     */
    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(executor, scheduler, selectors) {
            @Override
            protected void execute(Runnable task) {
                if (task instanceof Closeable) {
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
