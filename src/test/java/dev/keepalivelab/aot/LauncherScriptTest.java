package dev.keepalivelab.aot;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which JVM bin/keepalive-lab runs, in a copy of the layout (bin/, target/) where {@code java} on the PATH and the
 * cache's JDK are stand-ins that write down how they were called.
 */
class LauncherScriptTest {
    static final Path LAUNCHER = Path.of("bin/keepalive-lab");
    static final String RUN_COMMAND = "mvn -q package -DskipTests && bin/keepalive-lab";
    static final String FLAGS = String.join(" ", AotCacheBuild.JVM_FLAGS);

    @TempDir
    Path root;
    Path jar;
    Path cache;
    Path calls;

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(LAUNCHER, root.resolve("bin/keepalive-lab"));
        Files.setPosixFilePermissions(root.resolve("bin/keepalive-lab"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("target"));
        jar = Files.writeString(root.resolve("target/keepalive-lab.jar"), "");
        cache = root.resolve("target/keepalive-lab.aot");
        calls = root.resolve("calls");
        standIn(root.resolve("path/java"), "plain");
        standIn(root.resolve("jdk-25/bin/java"), "jdk-25");
    }

    @Test
    void withoutACacheItRunsJavaOnThePathWithTheFlags() throws Exception {
        assertEquals("plain " + FLAGS + " -jar " + realJar() + " --port 9090", launch("--port", "9090"));
    }

    @Test
    void withACacheItRunsTheJdkThatMadeItWithTheCache() throws Exception {
        cacheMadeBy(root.resolve("jdk-25/bin/java"), Instant.now().plusSeconds(5));
        assertEquals("jdk-25 " + FLAGS + " -XX:AOTCache=" + realTarget().resolve("keepalive-lab.aot") + " -jar " + realJar()
                + " --port 9090", launch("--port", "9090"));
    }

    @Test
    void aJava17BeforeItsNinthUpdateRunsWithoutTheNativeHeapTrim() throws Exception {
        Files.writeString(root.resolve("release"), "JAVA_VERSION=\"17.0.8\"\n");
        assertEquals("plain " + FLAGS.replace(" -XX:TrimNativeHeapInterval=1000", "") + " -jar " + realJar(), launch());
        Files.writeString(root.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        assertEquals("plain " + FLAGS + " -jar " + realJar(), launch());
    }

    @Test
    void aCacheOlderThanTheJarIsNotUsed() throws Exception {
        cacheMadeBy(root.resolve("jdk-25/bin/java"), Instant.now().minusSeconds(60));
        assertTrue(launch().startsWith("plain "));
    }

    @Test
    void aCacheWhoseJdkIsGoneIsNotUsed() throws Exception {
        cacheMadeBy(root.resolve("gone/bin/java"), Instant.now().plusSeconds(5));
        assertTrue(launch().startsWith("plain "));
    }

    @Test
    void theHarnessAndTheTrainingRunUseTheLaunchersFlags() throws Exception {
        Matcher launcher = Pattern.compile("\\nflags=\"([^\"]*)\"\\n").matcher(Files.readString(LAUNCHER));
        assertTrue(launcher.find(), LAUNCHER + " sets no flags");
        assertEquals(FLAGS, launcher.group(1));
        Matcher harness = Pattern.compile("\\nLAB_JAVA_OPTS=\\$\\{LAB_JAVA_OPTS:-([^}]*)}\\n").matcher(Files.readString(Path.of("src/bench/compare.sh")));
        assertTrue(harness.find(), "src/bench/compare.sh sets no default LAB_JAVA_OPTS");
        assertEquals(FLAGS, harness.group(1));
    }

    @Test
    void theReadmesRunTheLabWithTheLauncher() throws Exception {
        for (String readme : List.of("README.md", "README.zh-CN.md")) {
            assertTrue(Files.readString(Path.of(readme)).contains(RUN_COMMAND), readme + " must run the lab with: " + RUN_COMMAND);
        }
    }

    private void cacheMadeBy(Path java, Instant when) throws IOException {
        Files.writeString(cache, "");
        Files.writeString(Path.of(cache + AotCacheBuild.JDK_SUFFIX), java + "\n");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        Files.setLastModifiedTime(cache, FileTime.from(when));
    }

    private void standIn(Path java, String name) throws IOException {
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho \"" + name + " $*\" > '" + calls + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String launch(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/keepalive-lab").toString());
        builder.command().addAll(List.of(args));
        Map<String, String> env = builder.environment();
        env.put("PATH", root.resolve("path") + ":/usr/bin:/bin");
        env.remove("KEEPALIVE_LAB_JAVA_OPTS");
        Process launcher = builder.redirectErrorStream(true).start();
        String output = new String(launcher.getInputStream().readAllBytes());
        assertEquals(0, launcher.waitFor(), output);
        return Files.readString(calls).strip();
    }

    private Path realTarget() throws IOException {
        return root.resolve("target").toRealPath();
    }

    private Path realJar() throws IOException {
        return realTarget().resolve("keepalive-lab.jar");
    }
}
