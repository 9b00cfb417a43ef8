package dev.keepalivelab.embedded;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar target/keepalive-lab.jar} as a user runs it: a separate JVM with nothing else on its classpath. */
class EmbeddedJarIT {
    static final Path JAR = Path.of("target/keepalive-lab.jar");
    static final Pattern LISTENING = Pattern.compile("keepalive-lab listening on http://127\\.0\\.0\\.1:(\\d+)/");
    static final Duration EXIT_WAIT = Duration.ofSeconds(20);

    final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    Process launch(String... args) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: run mvn verify, which packages before integration tests");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }

    static int awaitListening(Process process) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = stdout.readLine();
        Matcher m = LISTENING.matcher(line == null ? "" : line);
        assertTrue(m.matches(), "first line of stdout: " + line);
        return Integer.parseInt(m.group(1));
    }

    static String stderrOf(Process process) throws Exception {
        assertTrue(process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS), "process did not exit");
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void startsOnAFreePortKeepsConnectionsAliveAndStopsOnSigterm() throws Exception {
        Process lab = launch("--port", "0", "--host", "127.0.0.1");
        int port = awaitListening(lab);
        try (RawConnection connection = RawConnection.open(port)) {
            RawResponse first = connection.get("/test1.jpg");
            assertEquals(200, first.status());
            assertFalse(first.hasHeader("Server"), "no server version disclosed: " + first);
            assertEquals(200, connection.get("/test2.jpg").status(), "second response on the same socket");
            lab.destroy(); // SIGTERM
            assertTrue(connection.awaitServerClose(Duration.ofSeconds(10)), "an idle connection is closed on stop");
        }
        assertTrue(lab.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS), "lab did not stop on SIGTERM");
        assertEquals(0, lab.exitValue(), "a graceful stop exits 0, not the JVM's 143");
    }

    @Test
    void closePolicyClosesEveryImageConnection() throws Exception {
        Process lab = launch("--port", "0", "--host", "127.0.0.1", "--connection", "close");
        int port = awaitListening(lab);
        try (RawConnection connection = RawConnection.open(port)) {
            assertEquals("close", connection.get("/test1.jpg").header("Connection").orElse(""));
            assertTrue(connection.awaitServerClose(Duration.ofSeconds(5)));
        }
    }

    @Test
    void badFlagValueExits2WithTheMessageAndUsage() throws Exception {
        Process lab = launch("--connection", "sometimes");
        String stderr = stderrOf(lab);
        assertEquals(2, lab.exitValue());
        assertTrue(stderr.startsWith("keepalive-lab: Invalid value 'sometimes' for --connection: allowed is keep-alive, close or default."), stderr);
        assertTrue(stderr.contains("Usage: java -jar keepalive-lab.jar"), stderr);
    }

    @Test
    void portInUseExits1WithAMessageNotAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Process lab = launch("--port", Integer.toString(taken.getLocalPort()), "--host", "127.0.0.1");
            String stderr = stderrOf(lab);
            assertEquals(1, lab.exitValue(), stderr);
            assertTrue(stderr.contains("keepalive-lab: cannot start on 127.0.0.1:" + taken.getLocalPort() + ": "), stderr);
            assertFalse(stderr.contains("\tat "), "stack trace in: " + stderr);
        }
    }

    @Test
    void benchLoadsAnInProcessLabAndPrintsTheTableWithoutAProgressBar() throws Exception {
        Process bench = launch("bench", "--rounds", "2", "--warmup", "1");
        String stderr = stderrOf(bench);
        String stdout = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bench.exitValue(), stderr);
        assertTrue(stdout.startsWith("keepalive-lab bench: http://127.0.0.1:"), stdout);
        assertTrue(stdout.contains("(the lab, in-process)") && stdout.contains("speedup"), stdout);
        assertEquals("", stderr, "stderr is not a terminal here, so no progress bar");
    }

    @Test
    void benchWithABadUrlExits2WithUsageAndWithAnUnreachableHost1() throws Exception {
        Process badUrl = launch("bench", "localhost:8080");
        String stderr = stderrOf(badUrl);
        assertEquals(2, badUrl.exitValue(), stderr);
        assertTrue(stderr.startsWith("keepalive-lab bench: Invalid URL 'localhost:8080'"), stderr);
        assertTrue(stderr.contains("Usage: java -jar keepalive-lab.jar bench"), stderr);

        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        Process unreachable = launch("bench", "http://127.0.0.1:" + freePort + "/");
        stderr = stderrOf(unreachable);
        assertEquals(1, unreachable.exitValue(), stderr);
        assertEquals("keepalive-lab bench: cannot connect to 127.0.0.1:" + freePort + " for http://127.0.0.1:" + freePort
                + "/: Connection refused", stderr.strip());
    }

    @Test
    void helpAndVersionExit0() throws Exception {
        Process help = launch("--help");
        assertTrue(help.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        String helpText = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(helpText.contains("--max-requests-per-connection"), helpText);
        assertTrue(helpText.contains("java -jar keepalive-lab.jar bench [URL]"), "the server's help points to bench");
        Process version = launch("--version");
        assertTrue(version.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, version.exitValue());
        assertTrue(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("keepalive-lab "));
    }
}
