package dev.keepalivelab.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.TestLab;
import dev.keepalivelab.support.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code curl -sL} through {@code GET /check}: the card it lands on agrees with the lab's record line by line, and with
 * what curl says it did ({@code -v}: each connection it opened, each stale connection it retried).
 */
class CurlCheckChainIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void curlsCardAgreesWithTheRecordAndWithCurl(@TempDir Path dir) throws Exception {
        Path card = dir.resolve("card.json");
        try (TestLab lab = TestLab.start(Map.of())) {
            String log = ToolRun.output(List.of(ExternalTool.require("curl", "curl").toString(), "-sL", "-v", "-o", card.toString(),
                    "http://127.0.0.1:" + lab.port() + "/check"), Duration.ofSeconds(30));
            JsonNode json = JSON.readTree(Files.readAllBytes(card));

            Map<String, String> verdicts = new LinkedHashMap<>();
            json.get("checks").forEach(c -> verdicts.put(c.get("name").asText(), c.get("verdict").asText()));
            assertEquals("pass", verdicts.get("reuse"), json.toPrettyString());
            assertEquals("pass", verdicts.get("close-honoured"));
            assertEquals("not-applicable", verdicts.get("goaway"));
            assertEquals("pass", verdicts.get("stale-get-close"));
            assertEquals("pass", verdicts.get("stale-get-reset"));

            Connections record = LabRecord.read(lab);
            Set<String> labels = new HashSet<>();
            int cardRequests = 0;
            for (JsonNode check : json.get("checks")) {
                for (JsonNode request : check.get("requests")) {
                    cardRequests++;
                    long id = request.get("id").asLong();
                    Connections.Request recorded = record.requests().stream().filter(r -> r.id() == id).findFirst()
                            .orElseThrow(() -> new AssertionError("request " + id + " of the card is not in the record"));
                    assertEquals(recorded.connection(), request.get("connection").asText(), "request " + id);
                    assertEquals(recorded.index(), request.get("requestOnConnection").asInt(), "request " + id);
                    assertEquals(recorded.path(), request.get("path").asText(), "request " + id);
                    labels.add(recorded.connection());
                }
            }
            String run = json.get("run").asText();
            long stepsInRecord = record.requests().stream().filter(r -> r.path().startsWith("/check/" + run + "/")).count();
            assertEquals(stepsInRecord, cardRequests, "every step the record has is on the card, and no other request");
            assertEquals(labels.size(), count(log, "* Connected to "), "curl opened the connections the card names:\n" + log);
            assertEquals(2, count(log, "* Connection died, retrying a fresh connect"), "curl retried the two stale GETs:\n" + log);
        }
    }

    private static int count(String text, String line) {
        return (int) text.lines().filter(l -> l.startsWith(line)).count();
    }
}
