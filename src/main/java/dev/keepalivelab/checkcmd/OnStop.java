package dev.keepalivelab.checkcmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Clean-up that runs if this JVM is stopped (Ctrl-C, SIGTERM) before the code that would do it returns. */
final class OnStop {
    private OnStop() {
    }

    /** Runs {@code action} when the JVM stops, until {@link #cancel}led. */
    static Thread add(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** No longer runs {@code hook} when the JVM stops, unless it is already stopping: then the hook runs, or has. */
    static void cancel(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // The hook is running, or has run.
        }
    }

    /** Deletes {@code file} if it is there; one that cannot be deleted is left in the temporary directory. */
    static void removeQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left
        }
    }
}
