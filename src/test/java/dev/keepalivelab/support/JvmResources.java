package dev.keepalivelab.support;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Objects;

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

    /**
     * Heap in use after a full collection (System.gc() is one under the JVM's default collector), as that collection left
     * it: each heap pool's usage after its last collection, not the heap read afterwards, which on a busy machine counts
     * whatever the load's threads allocated before this thread ran again (tens of MiB in a soak on two cores).
     */
    public static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getCollectionUsage)
                .filter(Objects::nonNull)
                .mapToLong(MemoryUsage::getUsed)
                .sum();
    }
}
