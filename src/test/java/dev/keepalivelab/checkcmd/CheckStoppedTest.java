package dev.keepalivelab.checkcmd;

import dev.keepalivelab.cli.Main;
import dev.keepalivelab.support.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check} in a JVM of its own, stopped by SIGTERM while the command runs: it leaves no process and no file of its own. */
class CheckStoppedTest {
    static final Duration STARTED = Duration.ofSeconds(30);

    @Test
    void stoppedBySigtermItKillsTheCommandAndRemovesItsFiles(@TempDir Path tmp) throws Exception {
        String sleep = CommandRunnerTest.uniqueSleep(4);
        Path started = tmp.resolve("started");
        Path files = Files.createDirectories(tmp.resolve("files"));
        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + files, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "check", "--https", "--checks", "reuse", "--", "sh", "-c", "touch " + started + "; " + sleep, "{url}")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile()).start();
        try {
            assertTrue(Await.poll(STARTED, () -> Files.exists(started) || !check.isAlive()), "the command never started");
            assertTrue(check.isAlive(), () -> "check ended: " + log(tmp));
            assertTrue(listed(files).stream().anyMatch(name -> name.endsWith(".pem")), "no certificate's file in " + listed(files));
            check.destroy();
            assertTrue(check.waitFor(30, TimeUnit.SECONDS), "check did not end on SIGTERM");
        } finally {
            check.destroyForcibly();
        }
        CommandRunnerTest.noneLeft(sleep);
        assertEquals(List.of(), listed(files), "files left by check");
    }

    private static List<String> listed(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static String log(Path tmp) {
        try {
            return Files.readString(tmp.resolve("out.log"));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
