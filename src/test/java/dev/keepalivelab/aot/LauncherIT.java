package dev.keepalivelab.aot;

import dev.keepalivelab.support.LabJar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.TrustEveryCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's run command, bin/keepalive-lab, serving the lab: on plain Java 17 without a cache, and with the build's cache. */
class LauncherIT {
    static final Path JAR = Path.of("target/keepalive-lab.jar");
    static final Path CACHE = Path.of("target/keepalive-lab.aot");
    static final Path IMAGE_JAVA = Path.of("target/keepalive-lab-runtime/bin/java");
    static final String USER_FLAG = "-Xmx96m";

    final List<Process> started = new ArrayList<>();

    @TempDir
    Path root;

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void withoutACacheItServesOnTheJavaOnThePath() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("bin/keepalive-lab"), root.resolve("bin/keepalive-lab"));
        Files.setPosixFilePermissions(root.resolve("bin/keepalive-lab"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("target"));
        Files.createSymbolicLink(root.resolve("target/keepalive-lab.jar"), JAR.toAbsolutePath());
        Process lab = launch(root.resolve("bin/keepalive-lab"), Path.of(System.getProperty("java.home"), "bin"));
        assertServes(lab);
        assertEquals(Runtime.version().feature(), javaFeatureOf(lab));
        assertRecommendedFlagsThenTheUsers(lab);
    }

    @Test
    void withTheBuildsCacheItServesOnThatJdkWithTheCache() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(CACHE), "the build made no AOT cache (no JDK 25 here)");
        Process lab = launch(Path.of("bin/keepalive-lab"), Path.of(System.getProperty("java.home"), "bin"));
        assertServes(lab);
        String command = lab.info().commandLine().orElse("");
        assertTrue(command.startsWith(Files.readString(Path.of(CACHE + AotCacheBuild.JDK_SUFFIX)).strip() + " "), command);
        assertTrue(command.contains(" -XX:AOTCache=" + CACHE.toRealPath() + " "), command);
        assertRecommendedFlagsThenTheUsers(lab);
    }

    @Test
    void theCachesRuntimeHasTheModulesTheJarNeedsAndNoLocaleData() throws Exception {
        Path java = imageJava();
        List<String> modules = linesOf(new ProcessBuilder(java.toString(), "--list-modules")).stream()
                .map(module -> module.replaceAll("@.*", "")).toList();
        assertFalse(modules.contains("jdk.localedata"), "Jetty's MimeTypes lists every locale it holds at start");
        Path jdeps = AotCacheBuildTest.TEMURIN_25.resolveSibling("jdeps");
        Assumptions.assumeTrue(Files.isExecutable(jdeps), "no jdeps beside " + AotCacheBuildTest.TEMURIN_25);
        List<String> needed = List.of(linesOf(new ProcessBuilder(jdeps.toString(), "--ignore-missing-deps", "--multi-release",
                Integer.toString(TrainingJdk.FIRST_WITH_AOT_CACHE_OUTPUT), "--print-module-deps", JAR.toString())).get(0).split(","));
        assertTrue(RuntimeImage.MODULES.containsAll(needed), "jdeps finds the jar needs " + needed + ", the image has " + RuntimeImage.MODULES);
    }

    @Test
    void theCachesRuntimeServesTlsThroughTheServletAndRunsBench() throws Exception {
        imageJava();
        ProcessBuilder builder = new ProcessBuilder("bin/keepalive-lab", "--host", "127.0.0.1", "--port", "0", "--https-port", "0",
                "--engine", "servlet");
        Process lab = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(lab);
        String line = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher ports = LabJar.LISTENING_HTTPS.matcher(line == null ? "" : line);
        assertTrue(ports.matches(), "first line: " + line);
        try (SSLSocket socket = (SSLSocket) TrustEveryCertificate.context().getSocketFactory()
                .createSocket("127.0.0.1", Integer.parseInt(ports.group(2)))) {
            assertEquals(200, RawConnection.over(socket).get("/test1.jpg").status());
        }
        List<String> bench = linesOf(new ProcessBuilder("bin/keepalive-lab", "bench", "--rounds", "2", "--warmup", "1"));
        assertTrue(bench.stream().anyMatch(row -> row.contains("speedup")), String.join("\n", bench));
    }

    /** The runtime image's java, which the build's cache belongs to; skips where the build made neither. */
    private static Path imageJava() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(CACHE), "the build made no AOT cache (no JDK 25 here)");
        Path java = Path.of(Files.readString(Path.of(CACHE + AotCacheBuild.JDK_SUFFIX)).strip());
        Assumptions.assumeTrue(java.equals(IMAGE_JAVA.toAbsolutePath()), "the build trained on its JDK itself (no jlink): " + java);
        return java;
    }

    private static List<String> linesOf(ProcessBuilder command) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, process.waitFor(), String.join("\n", lines));
        return lines;
    }

    /** The recommended flags, native memory trimmed among them, then KEEPALIVE_LAB_JAVA_OPTS's, which win over them. */
    private static void assertRecommendedFlagsThenTheUsers(Process lab) {
        String command = lab.info().commandLine().orElse("");
        assertTrue(command.contains(" " + String.join(" ", AotCacheBuild.JVM_FLAGS) + " " + USER_FLAG + " "), command);
    }

    private Process launch(Path launcher, Path javaBin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--host", "127.0.0.1", "--port", "0");
        builder.environment().put("PATH", javaBin + ":/usr/bin:/bin");
        builder.environment().put("KEEPALIVE_LAB_JAVA_OPTS", USER_FLAG);
        Process lab = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(lab);
        return lab;
    }

    private static void assertServes(Process lab) throws IOException {
        String line = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher listening = LabJar.LISTENING.matcher(line == null ? "" : line);
        assertTrue(listening.matches(), "first line: " + line);
        try (RawConnection connection = RawConnection.open(Integer.parseInt(listening.group(1)))) {
            assertEquals(200, connection.get("/test1.jpg").status());
        }
    }

    /** The Java feature version of the JVM the launcher became (it execs, so it is the same process). */
    private static int javaFeatureOf(Process lab) throws IOException {
        Path java = Path.of(lab.info().command().orElseThrow());
        Path release = java.getParent().resolveSibling("release");
        return TrainingJdk.at(java).map(TrainingJdk::feature).orElseThrow(() -> new AssertionError("no release file at " + release));
    }
}
