package dev.keepalivelab.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/** A jetty-home child process; {@link #close()} always ends it, and so does the JVM's exit. */
public final class JettyProcess implements AutoCloseable {
    public static final Duration START_WAIT = Duration.ofSeconds(60);
    static final Pattern HTTP_CONNECTOR_STARTED = connectorStarted("HTTP/1.1");
    /** The ssl module's connector; its protocols follow ({@code (ssl, alpn, h2, http/1.1)}). */
    static final Pattern TLS_CONNECTOR_STARTED = connectorStarted("SSL");
    static final String SERVER_STARTED = "Started oejs.Server@";

    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    JettyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(this::kill, "kill jetty-home " + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    private static Pattern connectorStarted(String firstProtocol) {
        return Pattern.compile("Started oejs\\.ServerConnector@\\w+\\{" + Pattern.quote(firstProtocol) + ", [^}]*}\\{127\\.0\\.0\\.1:(\\d+)}");
    }

    /** Polls the log until Jetty has started and returns the port its HTTP connector bound; fails if Jetty exits first. */
    public int awaitStarted() throws IOException, InterruptedException {
        return awaitStarted(HTTP_CONNECTOR_STARTED);
    }

    /** Like {@link #awaitStarted()}, for the port of the ssl module's TLS connector. */
    public int awaitStartedTls() throws IOException, InterruptedException {
        return awaitStarted(TLS_CONNECTOR_STARTED);
    }

    private int awaitStarted(Pattern connectorStarted) throws IOException, InterruptedException {
        Await.Polled<String> log = Await.poll(START_WAIT, this::log,
                text -> !process.isAlive() || text.contains(SERVER_STARTED) && connectorStarted.matcher(text).find());
        Matcher connector = connectorStarted.matcher(log.value());
        if (log.value().contains(SERVER_STARTED) && connector.find()) {
            return Integer.parseInt(connector.group(1));
        }
        if (!process.isAlive()) {
            fail("jetty-home exited with " + process.exitValue() + " before it started:\n" + log());
        }
        return fail("jetty-home did not start within " + START_WAIT + ":\n" + log());
    }

    /** Waits for Jetty to exit by itself and returns its exit status. */
    public int awaitExit() throws IOException, InterruptedException {
        if (!process.waitFor(START_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            fail("jetty-home still running after " + START_WAIT + ":\n" + log());
        }
        return process.exitValue();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        kill();
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
