package dev.keepalivelab.checkcmd;

import dev.keepalivelab.options.CommandLineHelp;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the user's command to its end, bounded: its output goes to a file (a pipe could hold this process up on a
 * grandchild that keeps it open), its standard input is empty, and a command still running at its limit is killed with
 * every process it started ({@link ProcessGroup}).
 */
final class CommandRunner {
    /** How much of the output's end is read for its last line. */
    static final int TAIL_BYTES = 4096;
    static final int MAX_LINE = 200;

    private CommandRunner() {
    }

    /** The command could not start: no such program, or not executable. */
    static final class CannotStart extends Exception {
        CannotStart(String message, IOException cause) {
            super(message, cause);
        }
    }

    /**
     * Runs {@code command} to its end, or kills it at {@code limit}; either way kills what it left running (its process
     * group: background children, grandchildren reparented to init) and removes its output's file, also when this JVM is
     * stopped meanwhile.
     */
    static CommandOutcome run(List<String> command, Duration limit) throws CannotStart, IOException, InterruptedException {
        requireProgram(command.get(0));
        Path output = Files.createTempFile("keepalive-lab-check", ".out");
        // Stopped by a signal (Ctrl-C reaches the command too, a kill does not), check takes the command along: the hook is
        // there before the command starts, and a command not yet started when it runs never starts.
        Launch launch = new Launch();
        Thread onStop = OnStop.add("check: kill the command", () -> end(launch.stop(), output));
        Process process;
        try {
            process = launch.start(new ProcessBuilder(ProcessGroup.leading(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))));
        } catch (IOException e) {
            end(null, output);
            OnStop.cancel(onStop);
            throw new CannotStart("cannot run '" + command.get(0) + "': " + why(e), e);
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return new CommandOutcome.TimedOut(limit);
            }
            return new CommandOutcome.Exited(process.exitValue(), lastLine(output));
        } finally {
            end(process, output);
            OnStop.cancel(onStop);
        }
    }

    /**
     * Refuses a program that is not there or not executable, as the JDK would: started by {@code setsid}, the command
     * could only say so in its output.
     */
    static void requireProgram(String program) throws CannotStart {
        List<Path> candidates = program.contains("/") ? List.of(Path.of(program))
                : Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program)).toList();
        List<Path> found = candidates.stream().filter(Files::isRegularFile).toList();
        if (found.isEmpty()) {
            throw new CannotStart("cannot run '" + program + "': No such file or directory", null);
        }
        if (found.stream().noneMatch(Files::isExecutable)) {
            throw new CannotStart("cannot run '" + program + "': Permission denied", null);
        }
    }

    /** The JDK's {@code Cannot run program "x": error=2, No such file or directory}, as its last part. */
    private static String why(IOException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        return message.replaceFirst("^error=\\d+, ", "");
    }

    /** The command's start, and a stop that may come before it, from a shutdown hook. */
    private static final class Launch {
        private Process process;
        private boolean stopped;

        synchronized Process start(ProcessBuilder command) throws IOException {
            if (stopped) {
                throw new IOException("check is stopping");
            }
            process = command.start();
            return process;
        }

        /** The process started, if any; none starts after this. */
        synchronized Process stop() {
            stopped = true;
            return process;
        }
    }

    /** Kills the command's group, where it started, and removes its output's file. */
    private static void end(Process process, Path output) {
        try {
            if (process != null) {
                ProcessGroup.kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            OnStop.removeQuietly(output);
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
