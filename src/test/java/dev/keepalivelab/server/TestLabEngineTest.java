package dev.keepalivelab.server;

import dev.keepalivelab.settings.Engine;
import dev.keepalivelab.support.TestLab;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wire suite runs once per engine: this proves that the engine the build asked for is the one serving. */
class TestLabEngineTest {

    @Test
    void theLabIsServedByTheEngineThisRunAskedFor() throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            boolean servlet = lab.server().getDescendant(ServletContextHandler.class) != null;
            boolean core = lab.server().getDescendant(LabHandler.class) != null;
            assertEquals(TestLab.ENGINE == Engine.SERVLET, servlet, "servlet context present");
            assertEquals(TestLab.ENGINE == Engine.CORE, core, "core handler present");
        }
    }
}
