package dev.keepalivelab.checkcmd;

import dev.keepalivelab.options.CommandLineHelp;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the user's command to its end, bounded: its output goes to a file (a pipe could hold this process up on a
 * grandchild that keeps it open), its standard input is empty, and a command still running at its limit is killed with
 * every process it started.
 */
final class CommandRunner {
    /** How much of the output's end is read for its last line. */
    static final int TAIL_BYTES = 4096;
    static final int MAX_LINE = 200;
    /** How long a killed process may take to go; SIGKILL is not refused, so this bounds only a slow kernel. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /** How many times the tree is listed and killed, for a process that forks while it is killed. */
    static final int KILL_ROUNDS = 10;

    private CommandRunner() {
    }

    /** The command could not start: no such program, or not executable. */
    static final class CannotStart extends Exception {
        CannotStart(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Runs {@code command} to its end, or kills it at {@code limit}. */
    static CommandOutcome run(List<String> command, Duration limit) throws CannotStart, IOException, InterruptedException {
        Path output = Files.createTempFile("keepalive-lab-check", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            } catch (IOException e) {
                throw new CannotStart("cannot run '" + command.get(0) + "': " + why(e), e);
            }
            // Stopped by a signal while the command runs (Ctrl-C reaches the command too, a kill does not), check takes it along.
            Thread killOnExit = new Thread(() -> killQuietly(process), "check: kill the command");
            Runtime.getRuntime().addShutdownHook(killOnExit);
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    killTree(process);
                    return new CommandOutcome.TimedOut(limit);
                }
                return new CommandOutcome.Exited(process.exitValue(), lastLine(output));
            } finally {
                removeQuietly(killOnExit);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The JDK's {@code Cannot run program "x": error=2, No such file or directory}, as its last part. */
    private static String why(IOException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        return message.replaceFirst("^error=\\d+, ", "");
    }

    private static void killQuietly(Process process) {
        try {
            killTree(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the hook, unless the JVM is already running it. */
    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running, or has run: it kills the command.
        }
    }

    /** Kills the process's descendants (listed again while new ones appear), then the process, and waits for them all to go. */
    static void killTree(Process process) throws InterruptedException {
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<ProcessHandle> descendants = process.descendants().toList();
            if (descendants.isEmpty()) {
                break;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            awaitEnd(descendants);
        }
        process.destroyForcibly();
        awaitEnd(List.of(process.toHandle()));
    }

    private static void awaitEnd(List<ProcessHandle> processes) throws InterruptedException {
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Killed with SIGKILL; one that has not gone yet is the kernel's to reap.
            }
        }
    }

    /** The last non-blank line the command printed, cut to {@value #MAX_LINE} characters; empty for none. */
    static String lastLine(Path output) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            return CommandLineHelp.oneLine(last.length() > MAX_LINE ? last.substring(0, MAX_LINE) + "..." : last);
        }
    }
}
