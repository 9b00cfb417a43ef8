package dev.keepalivelab.cli;

import dev.keepalivelab.server.LabServer;
import org.eclipse.jetty.server.Server;

import java.io.PrintWriter;

/**
 * On SIGTERM or Ctrl-C the JVM runs its shutdown hooks and then exits with 143 or 130, whatever they did. This hook
 * stops the server gracefully and ends the JVM with the stop's own status instead: 0 once every response in flight
 * has finished, 1 when some were still running at the stop timeout and were cut.
 */
final class GracefulExit {
    static final int STOPPED = 0;
    static final int STOPPED_NOT_GRACEFULLY = 1;

    private GracefulExit() {
    }

    /** Call once the server has started, so that a failed start keeps its own exit code. */
    static void install(Server server, PrintWriter err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(stop(server, err)), "keepalive-lab-stop"));
    }

    private static int stop(Server server, PrintWriter err) {
        try {
            server.stop();
            return STOPPED;
        } catch (Exception e) {
            err.println("keepalive-lab: stopped, but not gracefully within " + LabServer.STOP_TIMEOUT.toSeconds() + "s: " + e);
            err.flush();
            return STOPPED_NOT_GRACEFULLY;
        }
    }
}
