package dev.keepalivelab.checkcmd;

import dev.keepalivelab.support.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandRunnerTest {
    static final Duration LIMIT = Duration.ofSeconds(1);
    /** How long a killed process may take to be gone from the process table's live ones. */
    static final Duration GONE = Duration.ofSeconds(5);

    /** A sleep no other process runs, so that a test can look for what is left of it by its command line. */
    static String uniqueSleep(int leading) {
        return "sleep " + leading + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    /** The live processes (not zombies: they have no command line) whose command line holds {@code marker}. */
    static List<Long> alive(String marker) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).map(ProcessHandle::pid).toList();
    }

    static void noneLeft(String marker) throws InterruptedException {
        Await.until("no process '" + marker + "' left", GONE, () -> alive(marker), List::isEmpty);
    }

    /** A command that exits at once, leaving a child in the background: the child goes with it. */
    @Test
    void aBackgroundChildOfACommandThatExitedIsKilled() throws Exception {
        String sleep = uniqueSleep(6);
        assertEquals(new CommandOutcome.Exited(0, ""), CommandRunner.run(List.of("sh", "-c", sleep + " & exit 0"), Duration.ofSeconds(30)));
        noneLeft(sleep);
    }

    /** A grandchild forked twice, reparented to init (no longer a descendant of the command), goes at the timeout too. */
    @Test
    void aDoubleForkedGrandchildIsKilledAtTheTimeout() throws Exception {
        String sleep = uniqueSleep(5);
        assertEquals(new CommandOutcome.TimedOut(LIMIT), CommandRunner.run(List.of("sh", "-c", "(" + sleep + " &); sleep 200"), LIMIT));
        noneLeft(sleep);
    }

    @Test
    void aCommandThatEndsGivesItsExitStatusAndItsLastLine() throws Exception {
        assertEquals(new CommandOutcome.Exited(3, "curl: (18) transfer closed"),
                CommandRunner.run(List.of("sh", "-c", "echo status 200; echo 'curl: (18) transfer closed' >&2; echo; exit 3"), Duration.ofSeconds(30)));
    }

    @Test
    void aCommandThatHangsIsKilledWithEveryProcessItStarted() throws Exception {
        // A duration no other process runs, so that the test can look for what is left of these.
        String sleep = "sleep 7" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        long start = System.nanoTime();
        CommandOutcome outcome = CommandRunner.run(List.of("sh", "-c", sleep + " & " + sleep + " & wait"), LIMIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(new CommandOutcome.TimedOut(LIMIT), outcome);
        assertEquals("timed out after 1s (killed, with every process it started)", outcome.describe());
        assertTrue(took.compareTo(LIMIT.plus(ProcessGroup.KILL_WAIT)) < 0, "took " + took);
        List<String> left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).filter(line -> line.contains(sleep)).toList();
        assertEquals(List.of(), left, "processes left alive");
    }

    @Test
    void aCommandThatCannotStartSaysWhy() {
        CommandRunner.CannotStart e = assertThrows(CommandRunner.CannotStart.class,
                () -> CommandRunner.run(List.of("no-such-client-here", "http://127.0.0.1/"), LIMIT));
        assertEquals("cannot run 'no-such-client-here': No such file or directory", e.getMessage());
    }

    @Test
    void theLastLineIsOneLineOfAtMostTwoHundredCharacters() throws Exception {
        CommandOutcome.Exited exited = (CommandOutcome.Exited) CommandRunner.run(List.of("sh", "-c",
                "printf 'x%.0s' $(seq 300); printf '\\n\\t\\033[31mred\\n  \\n'; exit 1"), Duration.ofSeconds(30));
        assertEquals("\\u001b[31mred", exited.lastLine());
        CommandOutcome.Exited longLine = (CommandOutcome.Exited) CommandRunner.run(List.of("sh", "-c",
                "printf 'x%.0s' $(seq 300); exit 1"), Duration.ofSeconds(30));
        assertEquals("x".repeat(CommandRunner.MAX_LINE) + "...", longLine.lastLine());
    }
}
