package dev.keepalivelab.cli;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.server.StartFailure;
import org.eclipse.jetty.server.Server;

import java.io.PrintWriter;
import java.util.concurrent.TimeoutException;

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

    /** Jetty's stop times out with a bare {@link TimeoutException}; any other failure says what it was. */
    private static String why(Exception failure) {
        return failure instanceof TimeoutException
                ? "what was still in flight after " + LabServer.STOP_TIMEOUT.toSeconds() + "s was cut."
                : StartFailure.rootMessage(failure);
    }

    private static int stop(Server server, PrintWriter err) {
        try {
            server.stop();
            return STOPPED;
        } catch (Exception e) {
            err.println("keepalive-lab: stopped, but not gracefully: " + why(e));
            err.flush();
            return STOPPED_NOT_GRACEFULLY;
        }
    }
}
