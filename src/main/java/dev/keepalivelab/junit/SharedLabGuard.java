package dev.keepalivelab.junit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Refuses a test that JUnit may run at the same time as another test of its class's lab. An extension registered in a
 * field cannot add a JUnit resource lock (only an annotation on the class can, and {@code ResourceLocksProvider} needs
 * JUnit 5.12), so the class must say it runs its tests one at a time: its tests' execution mode is
 * {@code SAME_THREAD} (from {@code @Execution}, {@code @TestInstance(PER_CLASS)} or the configuration), or it or an
 * enclosing class holds an exclusive lock ({@code @ResourceLock} in READ_WRITE mode, {@code @Isolated}), which JUnit
 * takes for the class's whole run.
 */
final class SharedLabGuard {
    private SharedLabGuard() {
    }

    static void requireOneTestAtATime(ExtensionContext test) {
        if (test.getExecutionMode() == ExecutionMode.SAME_THREAD || heldUnderAnExclusiveLock(test.getRequiredTestClass())) {
            return;
        }
        String testClass = test.getRequiredTestClass().getName();
        throw new ExtensionConfigurationException("The tests of " + testClass + " share one lab (KeepAliveLabExtension in a"
                + " static field or @ExtendWith), and JUnit runs them concurrently (junit.jupiter.execution.parallel): the"
                + " reset after one test would disarm the faults and clear the record of another still running. Run them one"
                + " at a time: annotate the class with @Execution(ExecutionMode.SAME_THREAD), or with a @ResourceLock of its"
                + " own so that it still runs beside other classes; or register the extension in an instance field for a lab"
                + " per test.");
    }

    private static boolean heldUnderAnExclusiveLock(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, Isolated.class)
                    || AnnotationSupport.findRepeatableAnnotations(c, ResourceLock.class).stream()
                    .anyMatch(lock -> lock.mode() == ResourceAccessMode.READ_WRITE && !lock.value().isBlank())) {
                return true;
            }
        }
        return false;
    }
}
