package dev.keepalivelab.support;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** This JVM's file descriptors and heap, as a load test watches them. Needs a Unix JVM, as the lab's CI runs. */
public final class JvmResources {
    private JvmResources() {
    }

    private static UnixOperatingSystemMXBean os() {
        return (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    public static long openFileDescriptors() {
        return os().getOpenFileDescriptorCount();
    }

    /** Fails with what to do when this JVM may not open {@code needed} more file descriptors. */
    public static void requireFileDescriptors(long needed) {
        long max = os().getMaxFileDescriptorCount();
        assertTrue(max - openFileDescriptors() >= needed, "this test needs " + needed + " file descriptors, but the limit is "
                + max + " with " + openFileDescriptors() + " open: raise it (ulimit -n; .ci/run does)");
    }

    /** Polls until at most {@code count} file descriptors are open; false if they are not within {@code max}. */
    public static boolean awaitOpenFileDescriptorsAtMost(long count, Duration max) throws InterruptedException {
        return Await.poll(max, () -> openFileDescriptors() <= count);
    }

    /** Heap in use after a full collection (System.gc() is one under the JVM's default collector). */
    public static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
