package dev.keepalivelab.junit;

import dev.keepalivelab.testing.KeepAliveLabServer;
import dev.keepalivelab.testing.LabClient;
import dev.keepalivelab.testing.LabConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A lab for JUnit 5 tests. In a {@code static} field with {@code @RegisterExtension} (or as
 * {@code @ExtendWith(KeepAliveLabExtension.class)} on the class) one lab serves the whole class, and after each test
 * every armed fault is disarmed and the record cleared; in an instance field each test gets a lab of its own. Test
 * and lifecycle methods may take the {@link KeepAliveLabServer} (or its {@link LabClient}) as a parameter.
 * <p>
 * Under JUnit's parallel execution the tests that share a class's lab must run one at a time (one's reset would undo
 * another's faults): the extension fails them, saying so, unless {@link SharedLabGuard} finds them serialised. Classes
 * that share one static extension (subclasses of one base) each get a lab of their own. The labs live in JUnit's
 * {@link ExtensionContext.Store}; only the view {@link #lab()} reads is per thread.
 */
public final class KeepAliveLabExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {
    /** A class's lab, in its class context's store: its tests and @Nested classes find it there. */
    private static final String CLASS_LAB = "class lab";
    /** The lab a test runs with, in its method context's store once beforeEach has given it one. */
    private static final String TEST_LAB = "test lab";

    /** A lab and the context that started it, which alone stops it. */
    private record StartedLab(KeepAliveLabServer server, String startedBy) {
    }

    /** A test's lab: its own, stopped after it, or its class's, reset after it. */
    private record TestLab(KeepAliveLabServer server, boolean own) {
    }

    private final LabConfig config;
    /** The labs of the tests and classes running on each thread, innermost first, for {@link #lab()}. */
    private final ThreadLocal<Deque<KeepAliveLabServer>> onThisThread = ThreadLocal.withInitial(ArrayDeque::new);

    /** A lab at its defaults. */
    public KeepAliveLabExtension() {
        this(LabConfig.defaults());
    }

    /** A lab with {@code config}. */
    public KeepAliveLabExtension(LabConfig config) {
        this.config = config;
    }

    /**
     * The lab of the test (or lifecycle method) running on the calling thread; fails outside one, and on a thread the
     * test started itself: take the {@link KeepAliveLabServer} as a parameter there.
     */
    public KeepAliveLabServer lab() {
        KeepAliveLabServer lab = onThisThread.get().peek();
        if (lab == null) {
            throw new IllegalStateException("The lab runs only while a test runs (it starts before the test class or each test),"
                    + " and lab() answers on the test's own thread: elsewhere take the KeepAliveLabServer as a parameter");
        }
        return lab;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        StartedLab lab = store(context).get(CLASS_LAB, StartedLab.class);
        if (lab == null) {
            lab = new StartedLab(KeepAliveLabServer.start(config), context.getUniqueId());
            store(context).put(CLASS_LAB, lab);
        }
        onThisThread.get().push(lab.server());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        StartedLab classLab = store(context).get(CLASS_LAB, StartedLab.class);
        TestLab lab;
        if (classLab != null) {
            SharedLabGuard.requireOneTestAtATime(context);
            lab = new TestLab(classLab.server(), false);
        } else {
            lab = new TestLab(KeepAliveLabServer.start(config), true);
        }
        store(context).put(TEST_LAB, lab);
        onThisThread.get().push(lab.server());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestLab lab = store(context).remove(TEST_LAB, TestLab.class);
        if (lab == null) {
            return; // beforeEach refused the test: the lab is another test's
        }
        onThisThread.get().pop();
        if (lab.own()) {
            lab.server().close();
        } else {
            lab.server().disarmAll();
            lab.server().clearRecord();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        StartedLab lab = store(context).get(CLASS_LAB, StartedLab.class);
        if (lab == null) {
            return;
        }
        onThisThread.get().pop();
        if (lab.startedBy().equals(context.getUniqueId())) {
            store(context).remove(CLASS_LAB);
            lab.server().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeepAliveLabServer.class || type == LabClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestLab forTest = store(context).get(TEST_LAB, TestLab.class);
        StartedLab forClass = store(context).get(CLASS_LAB, StartedLab.class);
        KeepAliveLabServer lab = forTest != null ? forTest.server() : forClass != null ? forClass.server() : null;
        if (lab == null) {
            throw new ParameterResolutionException("No lab runs for " + parameter.getDeclaringExecutable()
                    + ": a lab in an instance field starts before each test, so a static method cannot take it");
        }
        return parameter.getParameter().getType() == LabClient.class ? lab.client() : lab;
    }

    /** This extension's values in {@code context}'s store, which also sees those of its enclosing contexts. */
    private ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(KeepAliveLabExtension.class, this));
    }
}
