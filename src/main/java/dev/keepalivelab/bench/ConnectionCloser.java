package dev.keepalivelab.bench;

import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;

import java.time.Duration;

/**
 * Ends a page load's connections, as closing the browser would, so that the next page load starts afresh: once
 * none is still connecting, and until all have closed (bounded), so that none of their events lands in the next one.
 */
final class ConnectionCloser {
    /** The most a page load waits, after its last byte, for its connections to finish connecting and to close. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private ConnectionCloser() {
    }

    /** The tag of a page load's {@code n}th request sent again on a connection of its own. */
    static String retryTag(String tag, int n) {
        return retryPrefix(tag) + n;
    }

    private static String retryPrefix(String tag) {
        return tag + " retry ";
    }

    /**
     * Closes the connections of {@code client}'s destinations tagged {@code tag} or with one of its retry tags, and waits
     * for {@code tracker} to see them closed. Returns whether they all closed within {@link #CLOSE_WAIT}.
     */
    static boolean closeConnectionsOf(String tag, HttpClient client, ConnectionTracker tracker) throws InterruptedException {
        for (Destination destination : client.getDestinations()) {
            Object destinationTag = destination.getOrigin().getTag();
            if (tag.equals(destinationTag) || destinationTag instanceof String other && other.startsWith(retryPrefix(tag))) {
                awaitNoPendingConnections(destination);
                client.removeDestination(destination);
            }
        }
        return tracker.awaitAllClosed(CLOSE_WAIT);
    }

    private static void awaitNoPendingConnections(Destination destination) throws InterruptedException {
        if (!(destination.getConnectionPool() instanceof AbstractConnectionPool pool)) {
            return;
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (pool.getPendingConnectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1); // Jetty offers no callback for a pending connection's end; a poll, bounded.
        }
    }
}
