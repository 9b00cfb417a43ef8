package dev.keepalivelab.checkcmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The user's command in a session and process group of its own ({@code setsid}, util-linux), so that everything it
 * starts, backgrounded or forked twice and reparented to init, can be found (by its group, in {@code /proc}) and killed
 * when it ends. Where there is no {@code setsid} or {@code /proc} (not Linux), the command runs as it is, and only its
 * descendants can be found.
 */
final class ProcessGroup {
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(Files::isExecutable).findFirst().filter(setsid -> Files.isDirectory(Path.of("/proc/self")));
    /** How long the group's processes may take to go; SIGKILL is not refused, so this bounds only a slow kernel. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);
    static final Duration POLL = Duration.ofMillis(10);

    private ProcessGroup() {
    }

    /** {@code command}, started as the leader of a new session and process group where this system can. */
    static List<String> leading(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        // No --wait (util-linux only; BusyBox's setsid has none): a child of the JVM never leads a group, so setsid
        // makes the new session in place and execs the command, whose pid is then the group's id.
        List<String> words = new ArrayList<>(List.of(SETSID.get().toString()));
        words.addAll(command);
        return words;
    }

    /**
     * Kills every live process of the group {@code process} leads and its descendants, again while new ones appear, and
     * waits for them to go (up to {@link #KILL_WAIT}).
     */
    static void kill(Process process) throws InterruptedException {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        List<ProcessHandle> left = members(process);
        while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
            left.forEach(ProcessHandle::destroyForcibly);
            Thread.sleep(POLL.toMillis());
            left = members(process);
        }
    }

    /** The process, its descendants and the live processes of its group, zombies left out (they are dead, and not ours to reap). */
    private static List<ProcessHandle> members(Process process) {
        List<ProcessHandle> members = new ArrayList<>(process.descendants().filter(ProcessGroup::running).toList());
        if (SETSID.isPresent()) {
            ProcessHandle.allProcesses().filter(p -> group(p.pid()) == process.pid() && running(p) && !members.contains(p)).forEach(members::add);
        }
        if (process.isAlive()) {
            members.add(process.toHandle());
        }
        return members;
    }

    private static boolean running(ProcessHandle process) {
        return process.isAlive() && !stat(process.pid()).map(fields -> fields.startsWith("Z")).orElse(false);
    }

    /** The process group of {@code pid}, or -1 where it is gone. */
    private static long group(long pid) {
        return stat(pid).map(fields -> Long.parseLong(fields.split(" ")[2])).orElse(-1L);
    }

    /** The fields of {@code /proc/PID/stat} after the command's name: state, parent, group, ...; empty where the process is gone. */
    private static Optional<String> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
