package dev.keepalivelab.servlet;

import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ab} speaks HTTP/1.0: with {@code -k} it asks for keep-alive, which the lab grants unless its policy closes. */
class ApacheBenchIT {
    static final int REQUESTS = 200;

    @ParameterizedTest(name = "ab -k against connection={0}: {1} keep-alive requests")
    @CsvSource({"keep-alive, 200", "default, 200", "close, 0"})
    void abKeepAlive(String policy, int expectedKeepAliveRequests) throws Exception {
        Path ab = ExternalTool.require("ab", "apache2-utils");
        try (TestLab lab = TestLab.start(Map.of("connection", policy))) {
            Process process = new ProcessBuilder(List.of(ab.toString(), "-k", "-n", Integer.toString(REQUESTS), "-c", "4",
                    "http://127.0.0.1:" + lab.port() + "/test1.jpg")).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ab did not finish");
            assertEquals(0, process.exitValue(), output);
            assertEquals(REQUESTS, count("Complete requests", output), output);
            assertEquals(0, count("Failed requests", output), output);
            assertEquals(expectedKeepAliveRequests, count("Keep-Alive requests", output), output);
        }
    }

    static int count(String label, String output) {
        Matcher m = Pattern.compile("^" + label + ":\\s+(\\d+)$", Pattern.MULTILINE).matcher(output);
        assertTrue(m.find(), label + " missing from ab's output");
        return Integer.parseInt(m.group(1));
    }
}
