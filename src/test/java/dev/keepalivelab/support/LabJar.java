package dev.keepalivelab.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar target/keepalive-lab.jar} in a JVM of its own, listening on a free loopback port. */
public record LabJar(Process process, int port) implements AutoCloseable {
    public static final Path JAR = Path.of("target/keepalive-lab.jar");
    /** The main's first line on a loopback host: its plain port. */
    public static final Pattern LISTENING = Pattern.compile("keepalive-lab listening on http://127\\.0\\.0\\.1:(\\d+)/");
    /** The same with an HTTPS port: the plain port, then the HTTPS one. */
    public static final Pattern LISTENING_HTTPS = Pattern.compile(
            "keepalive-lab listening on http://127\\.0\\.0\\.1:(\\d+)/ and https://127\\.0\\.0\\.1:(\\d+)/");

    /** Starts the jar with {@code --host 127.0.0.1 --port 0}, this run's engine and these flags, and waits until it listens. */
    public static LabJar start(String... flags) throws IOException {
        return start(ProcessBuilder.Redirect.INHERIT, flags);
    }

    /** As {@link #start(String...)}, with the jar's standard error written to {@code stderr} instead of this run's. */
    public static LabJar startWithStderrTo(Path stderr, String... flags) throws IOException {
        return start(ProcessBuilder.Redirect.to(stderr.toFile()), flags);
    }

    private static LabJar start(ProcessBuilder.Redirect stderr, String... flags) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: run mvn verify, which packages before integration tests");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--host", "127.0.0.1", "--port", "0", "--engine", TestLab.ENGINE.value()));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectError(stderr).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher m = LISTENING.matcher(line == null ? "" : line);
        if (!m.matches()) {
            process.destroyForcibly();
        }
        assertTrue(m.matches(), "first line of stdout: " + line);
        return new LabJar(process, Integer.parseInt(m.group(1)));
    }

    public RawConnection connect() throws IOException {
        return RawConnection.open(port);
    }

    /** Kills what a failed test left running; a no-op once the process has exited. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
