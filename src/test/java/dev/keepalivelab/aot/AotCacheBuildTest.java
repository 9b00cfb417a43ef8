package dev.keepalivelab.aot;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build's AOT step: it skips, saying so, without a JDK 25, and fails the build when the training run fails. */
class AotCacheBuildTest {
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path target;

    @Test
    void anOlderJdkIsSkippedVisiblyAndMakesNothing() throws Exception {
        Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
        Assumptions.assumeTrue(Runtime.version().feature() < TrainingJdk.FIRST_WITH_AOT_CACHE_OUTPUT);
        String said = printed(() -> AotCacheBuild.main(new String[]{jar().toString(), cache().toString(), java17.toString(), runtime().toString()}));
        assertTrue(said.contains("AOT cache: skipped, no JDK 25 or later at " + java17 + " (that one is " + Runtime.version().feature() + ")"), said);
        assertFalse(Files.exists(cache()));
    }

    @Test
    void aMissingJdkIsSkippedVisibly() throws Exception {
        String said = printed(() -> AotCacheBuild.main(new String[]{jar().toString(), cache().toString(), target.resolve("no/bin/java").toString(), runtime().toString()}));
        assertTrue(said.contains("AOT cache: skipped, no JDK 25 or later at " + target.resolve("no/bin/java") + ";"), said);
    }

    @Test
    void aTrainingRunThatDoesNotServeFailsTheBuild() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TEMURIN_25), "no Temurin 25 here");
        Files.writeString(jar(), "not a jar");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> AotCacheBuild.main(new String[]{jar().toString(), cache().toString(), TEMURIN_25.toString(), runtime().toString()}));
        assertTrue(failure.getMessage().startsWith("the training run did not start"), failure.getMessage());
        assertFalse(Files.exists(Path.of(cache() + AotCacheBuild.JDK_SUFFIX)));
    }

    private Path jar() {
        return target.resolve("keepalive-lab.jar");
    }

    @Test
    void aJdkWithoutJlinkTrainsOnItselfAndSaysSo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TEMURIN_25), "no Temurin 25 here");
        Path jre = target.resolve("jre");
        Files.createDirectories(jre.resolve("bin"));
        Files.copy(TEMURIN_25.getParent().resolveSibling("release"), jre.resolve("release"));
        Files.createSymbolicLink(jre.resolve("bin/java"), TEMURIN_25);
        Files.writeString(jar(), "not a jar");
        String said = printed(() -> assertThrows(IllegalStateException.class,
                () -> AotCacheBuild.main(new String[]{jar().toString(), cache().toString(), jre.resolve("bin/java").toString(), runtime().toString()})));
        assertTrue(said.contains("runtime image: skipped, no jlink beside " + jre.resolve("bin/java") + "; the cache is that JDK's own"), said);
        assertFalse(Files.exists(runtime()));
    }

    private Path runtime() {
        return target.resolve("keepalive-lab-runtime");
    }

    private Path cache() {
        return target.resolve("keepalive-lab.aot");
    }

    interface Step {
        void run() throws Exception;
    }

    private static String printed(Step step) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            step.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
