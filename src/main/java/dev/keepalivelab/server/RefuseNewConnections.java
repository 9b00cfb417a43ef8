package dev.keepalivelab.server;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.IO;
import org.eclipse.jetty.util.component.Graceful;

import java.io.Closeable;
import java.util.concurrent.CompletableFuture;

/**
 * Closes the listening sockets as soon as a graceful stop begins, so that a new connection is refused at the socket
 * (RST to its SYN) and the client tries elsewhere at once; one already in the kernel's accept backlog is reset. Jetty's
 * connector shutdown does not: with no acceptor threads ({@link LabConnectors#ACCEPTORS}) the selector accepts, and
 * {@code ServerConnector.close()} leaves the channel to the selector's stop, after the graceful phase, so the port
 * would go on accepting connections for up to the stop timeout.
 */
final class RefuseNewConnections implements Graceful {
    private final Server server;
    private volatile boolean shutdown;

    RefuseNewConnections(Server server) {
        this.server = server;
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        for (Connector c : server.getConnectors()) {
            if (c instanceof ServerConnector connector && connector.getTransport() instanceof Closeable channel) {
                connector.setAccepting(false); // the selector lets go of the channel, which it holds open until then
                IO.close(channel);
            }
        }
        shutdown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }
}
