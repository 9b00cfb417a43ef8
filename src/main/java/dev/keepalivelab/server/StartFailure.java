package dev.keepalivelab.server;

import java.io.IOException;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Why the server could not start, in words: what it could not do, with what, and why. */
public final class StartFailure extends Exception {

    StartFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code cannot listen on HOST:PORT (FLAG): WHY}; the flag is named where it is not the plain {@code --port}. */
    static StartFailure cannotListen(String host, int port, Optional<String> flag, Throwable failure) {
        String where = (host.contains(":") ? "[" + host + "]" : host) + (port == 0 ? " (any free port)" : ":" + port);
        return new StartFailure("cannot listen on " + where + flag.map(f -> " (" + f + ")").orElse("") + ": "
                + whyNotListening(failure), failure);
    }

    static StartFailure cannotWriteAccessLog(String path, IOException failure) {
        Path file = Path.of(path).toAbsolutePath();
        String why;
        if (Files.isDirectory(file)) {
            why = "it is a directory";
        } else if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            why = "its directory " + file.getParent() + " does not exist";
        } else if (String.valueOf(failure.getMessage()).endsWith("(Permission denied)")) {
            why = "permission denied";
        } else {
            why = String.valueOf(failure.getMessage());
        }
        return new StartFailure("cannot write the access log " + path + ": " + why, failure);
    }

    private static String whyNotListening(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "the host name does not resolve";
            }
            if (t instanceof BindException) {
                String message = String.valueOf(t.getMessage());
                if (message.contains("Address already in use")) {
                    return "the port is in use";
                }
                if (message.contains("Cannot assign requested address")) {
                    return "the address is not one of this machine's";
                }
                if (message.contains("Permission denied")) {
                    return "permission denied (ports below 1024 need privileges)";
                }
                return message;
            }
        }
        return rootMessage(failure);
    }

    /** The StartFailure among {@code failure}'s causes and suppressed exceptions, where Jetty's start wrapped one. */
    static Optional<StartFailure> within(Throwable failure) {
        if (failure == null) {
            return Optional.empty();
        }
        if (failure instanceof StartFailure startFailure) {
            return Optional.of(startFailure);
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            Optional<StartFailure> found = within(suppressed);
            if (found.isPresent()) {
                return found;
            }
        }
        return failure.getCause() == failure ? Optional.empty() : within(failure.getCause());
    }

    /** The innermost cause's message, or its class's simple name where it has none. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
