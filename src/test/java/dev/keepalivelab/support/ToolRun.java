package dev.keepalivelab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command-line client run to its end: what it printed, standard error included. */
public final class ToolRun {
    private ToolRun() {
    }

    /** Runs {@code command} and returns its output, trimmed; fails if it has not finished within {@code max}. */
    public static String output(List<String> command, Duration max) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read while it runs: a verbose client fills the pipe before it exits.
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in " + max.toSeconds() + " s");
        }
        return new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).trim();
    }
}
