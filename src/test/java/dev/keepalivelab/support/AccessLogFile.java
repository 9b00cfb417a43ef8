package dev.keepalivelab.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads an access log file the lab writes in blocks, at least once a second. */
public final class AccessLogFile {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private AccessLogFile() {
    }

    /** Polls {@code log} until it has at least {@code count} lines; fails after 10 s. */
    public static List<String> awaitLines(Path log, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                if (lines.size() >= count) {
                    return lines;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("fewer than " + count + " lines in " + log + " after " + WAIT.toSeconds() + " s");
    }
}
