package dev.keepalivelab.server;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.keepalivelab.support.AccessLogFile.awaitLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabAccessLogTest {
    static final Pattern COMBINED_PLUS_CONNECTION = Pattern.compile(
            "127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] \"(GET|HEAD) \\S+ HTTP/1\\.[01]\" \\d{3} \\d+"
                    + " \"[^\"]*\" \"[^\"]*\" \\S+ \\S+ \\S+ http/1\\.[01]");

    @Test
    void logsCombinedFormatWithConnectionLabelIndexAndDecision(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        ServerSettings server = ServerSettings.of("127.0.0.1", 0, Duration.ofSeconds(30)).with(Setting.ACCESS_LOG, log.toString())
                .with(Setting.ENGINE, TestLab.ENGINE.value());
        try (TestLab lab = TestLab.start(Map.of("maxRequestsPerConnection", "2"), server);
             RawConnection connection = lab.connect()) {
            connection.get("/test1.jpg?load=7", "User-Agent: lab-test/1.0", "Referer: http://example.test/");
            connection.get("/", "User-Agent: lab-test/1.0");
            List<String> lines = awaitLines(log, 2);
            lines.forEach(line -> assertTrue(COMBINED_PLUS_CONNECTION.matcher(line).matches(), line));
            assertTrue(lines.get(0).contains("\"GET /test1.jpg?load=7 HTTP/1.1\" 200 31548 \"http://example.test/\" \"lab-test/1.0\" c1 1 kept/policy http/1.1"),
                    lines.get(0));
            assertTrue(lines.get(1).contains("\"GET / HTTP/1.1\" 200 ") && lines.get(1).endsWith("\"lab-test/1.0\" c1 2 closed/max-requests http/1.1"),
                    lines.get(1));
        }
    }

    @Test
    void requestsTheLabNeverSawLogDashes(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        ServerSettings server = ServerSettings.of("127.0.0.1", 0, Duration.ofSeconds(30)).with(Setting.ACCESS_LOG, log.toString())
                .with(Setting.ENGINE, TestLab.ENGINE.value());
        try (TestLab lab = TestLab.start(Map.of(), server); RawConnection connection = lab.connect()) {
            assertEquals(400, connection.get("/%2e%2e/WEB-INF/web.xml").status());
            String line = awaitLines(log, 1).get(0);
            // Jetty logs a request it could not parse as "BAD /badMessage HTTP/1.0": its protocol is Jetty's default.
            assertTrue(line.matches(".*\"-\" - - - http/1\\.[01]"), line);
        }
    }

    @Test
    void aStopWritesEveryBufferedLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        ServerSettings server = ServerSettings.of("127.0.0.1", 0, Duration.ofSeconds(30)).with(Setting.ACCESS_LOG, log.toString())
                .with(Setting.ENGINE, TestLab.ENGINE.value());
        int requests = 50;
        try (TestLab lab = TestLab.start(Map.of(), server); RawConnection connection = lab.connect()) {
            for (int i = 0; i < requests; i++) {
                assertEquals(200, connection.get("/test1.jpg").status());
            }
        }
        // TestLab's own check of the record (GET /connections at close) logs a line too.
        assertEquals(requests, Files.readAllLines(log).stream().filter(line -> line.contains("\"GET /test1.jpg ")).count());
    }

}
