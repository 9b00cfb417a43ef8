package dev.keepalivelab.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Java runtime bin/keepalive-lab runs on: the training JDK linked ({@code jlink}) down to the modules the runnable
 * jar uses. Its point is what it leaves out: {@code jdk.localedata}, whose 1,100 locales Jetty lists at every start
 * ({@code MimeTypes} calls {@code Locale.getAvailableLocales()}), 75 ms of a one-core start. The lab formats nothing
 * by the user's locale (its page languages are its own bundles), so English and the root locale are all it reads.
 */
final class RuntimeImage {
    /**
     * What {@code jdeps --print-module-deps} finds in the runnable jar, then what it cannot find: charsets beyond the
     * standard ones, the extended socket options, {@code sun.misc.Unsafe}, jar file systems, and jcmd, with which the
     * harness reads the lab's memory.
     */
    static final List<String> MODULES = List.of("java.base", "java.desktop", "java.management", "java.naming", "java.net.http",
            "java.security.jgss", "java.sql", "jdk.charsets", "jdk.net", "jdk.unsupported", "jdk.zipfs", "jdk.jcmd");

    private RuntimeImage() {
    }

    /** {@code jdk}'s {@code java} in a new image at {@code image}; empty where the JDK has no jlink, which it says. */
    static Optional<Path> link(TrainingJdk jdk, Path image) throws IOException, InterruptedException {
        deleteTree(image);
        Path jlink = jdk.java().resolveSibling("jlink");
        if (!Files.isExecutable(jlink)) {
            System.out.println("keepalive-lab runtime image: skipped, no jlink beside " + jdk.java() + "; the cache is that JDK's");
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--output", image.toString()));
        Process linking = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(linking.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (linking.waitFor() != 0) {
            throw new IllegalStateException("jlink could not make the runtime image " + image + ":\n" + output);
        }
        return Optional.of(image.resolve("bin").resolve("java"));
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
