package dev.keepalivelab.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.HeadlessChromium;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chromium as the client of the check page: headless Chromium opens {@code /check}, its script runs the timed checks,
 * the browser follows the chain to the card, and the card it shows grades what the lab's record says it did, as
 * measured and documented in docs/client-checks.md (Chromium 156, HTTP/1.1 over cleartext).
 */
class BrowserCheckPageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CARD = Pattern.compile("/check/([a-z0-9]+-r\\d+)$");
    private static final Duration CARD_WAIT = Duration.ofSeconds(60);
    /** Chromium's grades over HTTP/1.1, measured (docs/client-checks.md, "The page"). */
    static final Map<String, String> CHROMIUM = grades("reuse", "pass", "close-honoured", "pass", "goaway", "not-applicable",
            "stale-get-close", "pass", "stale-get-reset", "pass", "stale-post", "not-run", "truncated", "not-run",
            "keep-alive-timeout", "warning", "idle-timeout", "pass", "refused-stream", "not-applicable", "goaway-retry", "not-applicable");

    static TestLab lab;
    static HeadlessChromium browser;

    @BeforeAll
    static void start(@TempDir Path profile) throws Exception {
        lab = TestLab.start(Map.of());
        browser = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static Map<String, String> grades(String... pairs) {
        Map<String, String> grades = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            grades.put(pairs[i], pairs[i + 1]);
        }
        return grades;
    }

    /** Opens the page and waits for the browser to land on the card; returns the run. */
    private static String runThroughThePage(String query) throws Exception {
        browser.driver().get("http://localhost:" + lab.port() + "/check" + query);
        String url = Await.until("the browser lands on the card", CARD_WAIT, () -> browser.driver().getCurrentUrl(),
                u -> CARD.matcher(u).find());
        Matcher run = CARD.matcher(url);
        assertTrue(run.find(), url);
        return run.group(1);
    }

    @Test
    void chromiumGetsTheMeasuredCardAndItAgreesWithTheRecord() throws Exception {
        String run = runThroughThePage("?client=chromium");
        JsonNode card = card(run);
        Map<String, String> seen = new LinkedHashMap<>();
        card.get("checks").forEach(c -> seen.put(c.get("name").asText(), c.get("verdict").asText()));
        assertEquals(CHROMIUM, seen, card.toPrettyString());
        assertEquals("chromium", card.get("client").asText());

        // The page shows the same grades, with their reasons.
        Map<String, String> shown = new LinkedHashMap<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (!cells.isEmpty()) {
                shown.put(cells.get(0).findElement(By.tagName("code")).getText(), cells.get(1).getDomAttribute("class"));
            }
        }
        assertEquals(CHROMIUM, shown, "the card the browser shows");

        // Every request the card judged is a line of the lab's record, on the same connection.
        Map<Long, String> record = new LinkedHashMap<>();
        try (RawConnection connection = lab.connect()) {
            JsonNode connections = JSON.readTree(connection.get("/connections").body());
            for (JsonNode request : connections.get("requests")) {
                record.put(request.get("id").asLong(), request.get("connection").asText());
            }
        }
        for (JsonNode check : card.get("checks")) {
            for (JsonNode request : check.get("requests")) {
                assertEquals(request.get("connection").asText(), record.get(request.get("id").asLong()), request.toString());
            }
        }
    }

    @Test
    void theCardSpeaksThePagesLanguage() throws Exception {
        runThroughThePage("?lang=zh-CN&checks=reuse,idle-timeout");
        assertEquals("zh-CN", browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"));
        String text = browser.driver().findElement(By.tagName("body")).getText();
        Set<String> grades = browser.driver().findElements(By.cssSelector("td.pass")).stream().map(WebElement::getText)
                .collect(Collectors.toSet());
        assertEquals(Set.of("通过"), grades, text);
        assertTrue(text.contains("空闲超时"), "the idle-timeout reason in Chinese: " + text);
    }

    private static JsonNode card(String run) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse card = connection.get("/check/" + run, "Accept: application/json");
            assertEquals(200, card.status(), card.bodyText());
            return JSON.readTree(card.body());
        }
    }
}
