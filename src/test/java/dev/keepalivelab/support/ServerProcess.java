package dev.keepalivelab.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A server a test starts as a process of its own (nginx, HAProxy) in a directory of its own, once it accepts on
 * {@code port}; its output goes to {@code out.log} in that directory.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private ServerProcess(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** Starts {@code command} and waits until it accepts on {@code port}; fails with its output if it does not. */
    public static ServerProcess start(String name, int port, Path dir, ProcessBuilder command) throws Exception {
        Process process = command.redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        boolean listening = Await.poll(Duration.ofSeconds(10), () -> !process.isAlive() || accepts(port)) && process.isAlive();
        if (!listening) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not start: " + Files.readString(dir.resolve("out.log")));
        }
        return new ServerProcess(process, dir);
    }

    /** A TCP port of 127.0.0.1 that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Path dir() {
        return dir;
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
