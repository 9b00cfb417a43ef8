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

/**
 * A lab for JUnit 5 tests. In a {@code static} field with {@code @RegisterExtension} (or as
 * {@code @ExtendWith(KeepAliveLabExtension.class)} on the class) one lab serves the whole class, and after each test
 * every armed fault is disarmed and the record cleared; in an instance field each test gets a lab of its own. Test
 * and lifecycle methods may take the {@link KeepAliveLabServer} (or its {@link LabClient}) as a parameter.
 */
public final class KeepAliveLabExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {
    private final LabConfig config;
    private KeepAliveLabServer lab;
    /** The class whose beforeAll started the lab, which alone stops it: a @Nested class shares its outer class's lab. */
    private String startedForClass;

    /** A lab at its defaults. */
    public KeepAliveLabExtension() {
        this(LabConfig.defaults());
    }

    /** A lab with {@code config}. */
    public KeepAliveLabExtension(LabConfig config) {
        this.config = config;
    }

    /** The running lab; fails outside a test, before it started or after it stopped. */
    public KeepAliveLabServer lab() {
        if (lab == null) {
            throw new IllegalStateException("The lab runs only while a test runs (it starts before the test class or each test)");
        }
        return lab;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (lab == null) {
            lab = KeepAliveLabServer.start(config);
            startedForClass = context.getUniqueId();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (lab == null) {
            lab = KeepAliveLabServer.start(config);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForClass == null) {
            stop();
        } else {
            lab.disarmAll();
            lab.clearRecord();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedForClass)) {
            startedForClass = null;
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeepAliveLabServer.class || type == LabClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (lab == null) {
            throw new ParameterResolutionException("No lab runs for " + parameter.getDeclaringExecutable()
                    + ": a lab in an instance field starts before each test, so a static method cannot take it");
        }
        return parameter.getParameter().getType() == LabClient.class ? lab.client() : lab;
    }

    private void stop() {
        KeepAliveLabServer stopping = lab;
        lab = null;
        if (stopping != null) {
            stopping.close();
        }
    }
}
