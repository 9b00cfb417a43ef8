package dev.keepalivelab.cli;

import dev.keepalivelab.server.SelfSignedCertificate;
import dev.keepalivelab.support.LabJar;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TrustEveryCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
    static final Pattern FINGERPRINT = Pattern.compile("SHA-256 SPKI fingerprint \\(base64\\): ([A-Za-z0-9+/]{43}=)$");
    static final Duration EXIT_WAIT = Duration.ofSeconds(20);

    final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    Process launch(String... args) throws IOException {
        return launch(List.of(), args);
    }

    Process launch(List<String> jvmFlags, String... args) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: run mvn verify, which packages before integration tests");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }

    static int awaitListening(Process process) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = stdout.readLine();
        Matcher m = LabJar.LISTENING.matcher(line == null ? "" : line);
        assertTrue(m.matches(), "first line of stdout: " + line);
        return Integer.parseInt(m.group(1));
    }

    static String stderrOf(Process process) throws Exception {
        assertTrue(process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS), "process did not exit");
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Plain flags start the lab without loading picocli, whose classes the AOT cache cannot hold; help loads it. */
    @Test
    void plainFlagsStartTheLabWithoutPicocli(@TempDir Path logs) throws Exception {
        Path run = logs.resolve("run.log");
        awaitListening(launch(List.of("-Xlog:class+load:file=" + run), "--host", "127.0.0.1", "--port", "0", "--connection=close",
                "--max-requests-per-connection", "5"));
        assertFalse(Files.readString(run).contains(" picocli."), "picocli loaded by a plain start");
        Path help = logs.resolve("help.log");
        Process helped = launch(List.of("-Xlog:class+load:file=" + help), "--help");
        assertTrue(helped.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS), "--help did not exit");
        assertTrue(Files.readString(help).contains(" picocli.CommandLine "), "--help without picocli: the check above proves nothing");
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
    void badFlagValueExits2WithTheMessageAndWhereHelpIs() throws Exception {
        Process lab = launch("--connection", "sometimes");
        String stderr = stderrOf(lab);
        assertEquals(2, lab.exitValue());
        assertEquals(List.of("keepalive-lab: Invalid value 'sometimes' for --connection: allowed is keep-alive, close or default.",
                "Try 'java -jar keepalive-lab.jar --help' for more."), stderr.lines().toList());
    }

    @Test
    void portInUseExits1WithAMessageNotAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Process lab = launch("--port", Integer.toString(taken.getLocalPort()), "--host", "127.0.0.1");
            String stderr = stderrOf(lab);
            assertEquals(1, lab.exitValue(), stderr);
            assertEquals("keepalive-lab: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use", stderr.strip());
        }
    }

    @Test
    void httpsPortInUseExits1NamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Process lab = launch("--port", "0", "--host", "127.0.0.1", "--https-port", Integer.toString(taken.getLocalPort()));
            String stderr = stderrOf(lab);
            assertEquals(1, lab.exitValue(), stderr);
            assertEquals("keepalive-lab: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (--https-port): the port is in use",
                    stderr.strip());
        }
    }

    @Test
    void startFailuresSayWhatIsWrongInWords() throws Exception {
        Process accessLog = launch("--port", "0", "--host", "127.0.0.1", "--access-log", "target");
        String stderr = stderrOf(accessLog);
        assertEquals(1, accessLog.exitValue(), stderr);
        assertEquals("keepalive-lab: cannot write the access log target: it is a directory", stderr.strip());

        Process host = launch("--host", "nonexistent.invalid");
        stderr = stderrOf(host);
        assertEquals(1, host.exitValue(), stderr);
        assertEquals("keepalive-lab: cannot listen on nonexistent.invalid:8080: the host name does not resolve", stderr.strip());
    }

    @Test
    void httpsPrintsBothPortsOnOneLineThenTheFingerprintOfTheServedCertificate() throws Exception {
        Process lab = launch("--port", "0", "--host", "127.0.0.1", "--https-port", "0");
        BufferedReader stdout = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
        String listening = stdout.readLine();
        Matcher ports = LabJar.LISTENING_HTTPS.matcher(listening == null ? "" : listening);
        assertTrue(ports.matches(), "first line of stdout: " + listening);
        Matcher fingerprint = FINGERPRINT.matcher(String.valueOf(stdout.readLine()));
        assertTrue(fingerprint.find(), "second line: " + fingerprint);
        assertTrue(String.valueOf(stdout.readLine()).endsWith("--ignore-certificate-errors-spki-list=" + fingerprint.group(1)));

        try (RawConnection plain = RawConnection.open(Integer.parseInt(ports.group(1)))) {
            assertEquals(200, plain.get("/test1.jpg").status());
        }
        try (SSLSocket socket = (SSLSocket) TrustEveryCertificate.context().getSocketFactory().createSocket("127.0.0.1", Integer.parseInt(ports.group(2)))) {
            socket.startHandshake();
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(served.getPublicKey().getEncoded())),
                    fingerprint.group(1), "the printed fingerprint is the served certificate's");
            assertEquals(200, RawConnection.over(socket).get("/test1.jpg").status());
        }
    }

    @Test
    void aKeystoreWithItsPasswordInTheEnvironmentIsServed(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("lab.p12");
        String password = "it-secret";
        try (var out = Files.newOutputStream(keystore)) {
            SelfSignedCertificate.newKeyStore(password.toCharArray()).store(out, password.toCharArray());
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "--port", "0", "--host", "127.0.0.1", "--https-port", "0", "--keystore", keystore.toString(),
                "--keystore-password-env", "LAB_KEYSTORE_PASSWORD");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LAB_KEYSTORE_PASSWORD", password);
        Process lab = builder.start();
        started.add(lab);
        BufferedReader stdout = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
        Matcher ports = LabJar.LISTENING_HTTPS.matcher(String.valueOf(stdout.readLine()));
        assertTrue(ports.matches(), ports.toString());
        assertTrue(String.valueOf(stdout.readLine()).startsWith("keepalive-lab certificate: from --keystore " + keystore + ", "));

        Process wrong = new ProcessBuilder(command).start(); // the variable unset
        started.add(wrong);
        String stderr = stderrOf(wrong);
        assertEquals(2, wrong.exitValue(), stderr);
        assertTrue(stderr.startsWith("keepalive-lab: --keystore-password-env LAB_KEYSTORE_PASSWORD: the environment variable"
                + " LAB_KEYSTORE_PASSWORD is not set." + System.lineSeparator()), stderr);
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
    void benchWithABadUrlExits2WithWhereHelpIsAndWithAnUnreachableHost1() throws Exception {
        Process badUrl = launch("bench", "localhost:8080");
        String stderr = stderrOf(badUrl);
        assertEquals(2, badUrl.exitValue(), stderr);
        assertTrue(stderr.startsWith("keepalive-lab bench: Invalid URL 'localhost:8080'"), stderr);
        assertEquals(List.of("Try 'java -jar keepalive-lab.jar bench --help' for more."), stderr.lines().skip(1).toList(), stderr);

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
