package dev.keepalivelab.wire;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 client on raw sockets that a test scripts to behave well or badly through the lab's chain of checks: it
 * follows redirects or not, reuses its connection or not, honours {@code Connection: close} or not, sends a request
 * that met a stale connection again or not, and takes a cut body as whole or not.
 *
 * @param follows     follows 302, 303 and 307 (307 with the same method and body, 303 as a GET)
 * @param reuses      sends the next request on its kept connection
 * @param honoursClose opens a new connection after {@code Connection: close}; else writes on the closed one
 * @param retriesGet  sends a GET again, once, on a new connection, when its reused connection ended without a response
 * @param resendsPost does so for a POST too
 * @param takesCutBodyAsWhole ends as if all went well when a body is cut short
 */
record ScriptedCheckClient(boolean follows, boolean reuses, boolean honoursClose, boolean retriesGet, boolean resendsPost,
                           boolean takesCutBodyAsWhole) {
    static final ScriptedCheckClient CORRECT = new ScriptedCheckClient(true, true, true, true, false, false);
    private static final Pattern RUN = Pattern.compile("/check/([^/?#]+)");

    ScriptedCheckClient withReuse(boolean value) {
        return new ScriptedCheckClient(follows, value, honoursClose, retriesGet, resendsPost, takesCutBodyAsWhole);
    }

    ScriptedCheckClient withRetry(boolean value) {
        return new ScriptedCheckClient(follows, reuses, honoursClose, value, value, takesCutBodyAsWhole);
    }

    ScriptedCheckClient following(boolean value) {
        return new ScriptedCheckClient(value, reuses, honoursClose, retriesGet, resendsPost, takesCutBodyAsWhole);
    }

    ScriptedCheckClient honouringClose(boolean value) {
        return new ScriptedCheckClient(follows, reuses, value, retriesGet, resendsPost, takesCutBodyAsWhole);
    }

    ScriptedCheckClient takingCutBodies(boolean value) {
        return new ScriptedCheckClient(follows, reuses, honoursClose, retriesGet, resendsPost, value);
    }

    /**
     * What a run of the client ended with: the run it started, the exit status a command would give (0 when its last
     * response came whole, 1 on an error), and its last response, if any.
     */
    record Ending(String run, int exitStatus, RawResponse last) {
    }

    /** Runs the client from {@code method path} (with {@code body} for a POST) until it stops. */
    Ending run(int port, String method, String path, String body) throws IOException {
        RawConnection connection = null;
        boolean closeAnnounced = false;
        String run = null;
        RawResponse last = null;
        try {
            while (true) {
                boolean reusing = connection != null && reuses && !(closeAnnounced && honoursClose);
                if (!reusing) {
                    close(connection);
                    connection = RawConnection.open(port);
                }
                Optional<RawResponse> response;
                try {
                    response = exchange(connection, method, path, body);
                } catch (IOException cut) {
                    return new Ending(run, takesCutBodyAsWhole ? 0 : 1, last);
                }
                if (response.isEmpty() && reusing && (method.equals("POST") ? resendsPost : retriesGet)) {
                    close(connection);
                    connection = RawConnection.open(port);
                    response = exchange(connection, method, path, body);
                }
                if (response.isEmpty()) {
                    return new Ending(run, 1, last);
                }
                last = response.get();
                closeAnnounced = last.announcesClose();
                Optional<String> location = last.header("Location");
                if (run == null && location.isPresent()) {
                    Matcher id = RUN.matcher(location.get());
                    run = id.find() ? id.group(1) : null;
                }
                int status = last.status();
                if (!follows || location.isEmpty() || status / 100 != 3) {
                    return new Ending(run, status < 400 ? 0 : 1, last);
                }
                path = location.get();
                if (status == 303 || status == 302) {
                    method = "GET";
                }
            }
        } finally {
            close(connection);
        }
    }

    private static Optional<RawResponse> exchange(RawConnection connection, String method, String path, String body) throws IOException {
        boolean post = method.equals("POST");
        try {
            connection.send(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: scripted\r\n"
                    + (post ? "Content-Length: " + body.length() + "\r\n" : "") + "\r\n" + (post ? body : ""));
        } catch (IOException writeOnClosed) {
            return Optional.empty();
        }
        return connection.readResponseUnlessClosed(false);
    }

    private static void close(RawConnection connection) throws IOException {
        if (connection != null) {
            connection.close();
        }
    }
}
