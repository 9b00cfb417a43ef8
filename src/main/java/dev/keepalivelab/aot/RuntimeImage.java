package dev.keepalivelab.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Java runtime bin/keepalive-lab runs on: the training JDK linked ({@code jlink}) down to the modules the runnable
 * jar uses. Its point is what it leaves out: {@code jdk.localedata}, whose 1,158 locales Jetty lists at every start
 * ({@code MimeTypes} calls {@code Locale.getAvailableLocales()}), 75 ms of a one-core start. The lab formats nothing
 * by the user's locale (its page languages are its own bundles), so English and the root locale are all it reads.
 */
final class RuntimeImage {
    /**
     * What {@code jdeps --print-module-deps} finds in the runnable jar, then what it cannot find: charsets beyond the
     * standard ones, the extended socket options, {@code sun.misc.Unsafe}, jar file systems, and what a user measuring
     * the lab reaches for: jcmd, Flight Recorder, JMX (local and remote) and Java agents.
     */
    static final List<String> MODULES = List.of("java.base", "java.desktop", "java.management", "java.naming", "java.net.http",
            "java.security.jgss", "java.sql", "jdk.charsets", "jdk.net", "jdk.unsupported", "jdk.zipfs", "jdk.jcmd", "jdk.jfr",
            "jdk.management", "jdk.management.agent", "java.instrument");

    private RuntimeImage() {
    }

    /**
     * {@code jdk}'s {@code java} in a new image at {@code image}, which must not exist; empty, saying why, where the JDK
     * has no jlink or its jlink cannot link (no jmods, or a runtime changed since it was installed).
     */
    static Optional<Path> link(TrainingJdk jdk, Path image) throws IOException, InterruptedException {
        Path jlink = jdk.java().resolveSibling("jlink");
        if (!Files.isExecutable(jlink)) {
            return skipped("no jlink beside " + jdk.java());
        }
        List<String> command = List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug",
                "--no-man-pages", "--no-header-files", "--output", image.toString());
        Process linking = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(linking.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (linking.waitFor() != 0) {
            deleteTree(image);
            return skipped(jlink + " could not link (" + output.lines().findFirst().orElse("no output") + ")");
        }
        return Optional.of(image.resolve("bin").resolve("java"));
    }

    private static Optional<Path> skipped(String why) {
        System.out.println("keepalive-lab runtime image: skipped, " + why + "; the cache is that JDK's own");
        return Optional.empty();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
