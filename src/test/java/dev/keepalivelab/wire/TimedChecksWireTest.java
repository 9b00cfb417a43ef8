package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timed checks on real sockets: the page a browser gets at {@code /check} names their requests and waits; a raw
 * client makes them, keeping to the lab's hint and close or not, and the card grades it. The waits here are the
 * client's behaviour under test (it leaves its connection idle), not synchronisation: the lab's close is awaited on
 * the socket.
 */
class TimedChecksWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VISITS = Pattern.compile("data-visits=\"([^\"]*)\"");
    private static TestLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = TestLab.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    /** A visit the page's script would make: its path and how long it waits first. */
    record Visit(String path, long waitMillis) {
    }

    /** Starts a run of {@code checks} as a browser does, and reads the visits its page names. */
    private static List<Visit> page(String checks, String... headers) throws Exception {
        try (RawConnection connection = lab.connect()) {
            List<String> lines = new ArrayList<>(List.of("Accept: text/html,application/xhtml+xml"));
            lines.addAll(List.of(headers));
            RawResponse page = connection.get("/check?checks=" + checks, lines.toArray(String[]::new));
            assertEquals(200, page.status(), page.bodyText());
            assertTrue(page.header("Content-Security-Policy").orElse("").contains("script-src 'sha256-"), page.toString());
            Matcher visits = VISITS.matcher(page.bodyText());
            assertTrue(visits.find(), page.bodyText());
            List<Visit> list = new ArrayList<>();
            for (JsonNode visit : JSON.readTree(visits.group(1).replace("&quot;", "\""))) {
                list.add(new Visit(visit.get("path").asText(), visit.get("wait").asLong()));
            }
            return list;
        }
    }

    private static String run(List<Visit> visits) {
        return visits.get(0).path().split("/")[2];
    }

    @Test
    void aClientThatKeepsToTheKeepAliveHintPassesAndOneThatReusesPastItGetsAWarning() throws Exception {
        for (boolean keepsToHint : new boolean[] {true, false}) {
            List<Visit> visits = page("keep-alive-timeout");
            assertEquals(2, visits.size(), visits.toString());
            try (RawConnection first = lab.connect()) {
                RawResponse step1 = first.get(visits.get(0).path());
                assertEquals("timeout=1", step1.header("Keep-Alive").orElse(""), step1.toString());
                Thread.sleep(visits.get(1).waitMillis());
                if (keepsToHint) {
                    try (RawConnection second = lab.connect()) {
                        assertEquals(200, second.get(visits.get(1).path()).status());
                    }
                } else {
                    assertEquals(200, first.get(visits.get(1).path()).status(), "the lab held the connection past its hint");
                }
            }
            JsonNode check = check(run(visits), "keep-alive-timeout");
            assertEquals(keepsToHint ? "pass" : "warning", check.get("verdict").asText(), check.toPrettyString());
        }
    }

    @Test
    void aClientThatComesBackBeforeTheHintIsNotJudged() throws Exception {
        List<Visit> visits = page("keep-alive-timeout");
        try (RawConnection connection = lab.connect()) {
            connection.get(visits.get(0).path());
            connection.get(visits.get(1).path());
        }
        JsonNode check = check(run(visits), "keep-alive-timeout");
        assertEquals("not-applicable", check.get("verdict").asText(), check.toPrettyString());
    }

    @Test
    void theLabClosesTheIdleConnectionAndAClientThatOpensANewOnePasses() throws Exception {
        List<Visit> visits = page("idle-timeout");
        try (RawConnection first = lab.connect()) {
            assertEquals(200, first.get(visits.get(0).path()).status());
            assertTrue(first.awaitServerClose(Duration.ofSeconds(5)), "the lab closed the connection at its held idle timeout");
            Thread.sleep(visits.get(1).waitMillis());
            try (RawConnection second = lab.connect()) {
                assertEquals(200, second.get(visits.get(1).path()).status());
            }
        }
        JsonNode check = check(run(visits), "idle-timeout");
        assertEquals("pass", check.get("verdict").asText(), check.toPrettyString());
    }

    @Test
    void theHeldIdleTimeoutOutlastsJettysRestoreOfTheIdleTimeoutAfterARequestTimeout() throws Exception {
        ServerSettings settings = ServerSettings.of("127.0.0.1", 0, TestLab.DEFAULT_IDLE_TIMEOUT).with(Setting.ENGINE, TestLab.ENGINE.value())
                .with(Setting.REQUEST_TIMEOUT, "20s");
        try (TestLab timed = TestLab.start(Map.of(), settings); RawConnection connection = timed.connect()) {
            RawResponse page = connection.get("/check?checks=idle-timeout", "Accept: text/html");
            Matcher visits = VISITS.matcher(page.bodyText());
            assertTrue(visits.find(), page.bodyText());
            String step1 = JSON.readTree(visits.group(1).replace("&quot;", "\"")).get(0).get("path").asText();
            try (RawConnection first = timed.connect()) {
                assertEquals(200, first.get(step1).status());
                assertTrue(first.awaitServerClose(Duration.ofSeconds(5)),
                        "closed at the check's 1 s, not at the idle timeout Jetty restores after a request timeout");
            }
        }
    }

    @Test
    void aRequestLostOnTheClosedConnectionFails() throws Exception {
        List<Visit> visits = page("idle-timeout");
        try (RawConnection first = lab.connect()) {
            first.get(visits.get(0).path());
            assertTrue(first.awaitServerClose(Duration.ofSeconds(5)));
            Thread.sleep(visits.get(1).waitMillis());
            first.send("GET " + visits.get(1).path() + " HTTP/1.1\r\nHost: localhost\r\n\r\n"); // onto the closed socket; then it gives up
        } catch (java.io.IOException expected) {
            // the closed socket may refuse the write: the request is lost either way
        }
        JsonNode check = Await.until("the lost request judged once its wait and margin have passed", Duration.ofSeconds(10),
                () -> check(run(visits), "idle-timeout"), c -> !c.get("verdict").asText().equals("unknown"));
        assertEquals("fail", check.get("verdict").asText(), check.toPrettyString());
        assertTrue(check.get("reason").asText().contains("the request was lost"), check.toPrettyString());
    }

    @Test
    void aCardReadBeforeTheWaitIsOverSaysTheTimedChecksArePending() throws Exception {
        for (String name : new String[] {"idle-timeout", "keep-alive-timeout"}) {
            List<Visit> visits = page(name);
            try (RawConnection first = lab.connect()) {
                assertEquals(200, first.get(visits.get(0).path()).status());
                JsonNode check = check(run(visits), name);
                assertEquals("unknown", check.get("verdict").asText(), check.toPrettyString());
                assertTrue(check.get("reason").asText().contains("not come yet"), check.toPrettyString());
            }
        }
    }

    @Test
    void aStep2OnAnotherAlreadyOpenConnectionIsNotJudged() throws Exception {
        for (String name : new String[] {"idle-timeout", "keep-alive-timeout"}) {
            List<Visit> visits = page(name);
            try (RawConnection pooled = lab.connect(); RawConnection first = lab.connect()) {
                assertEquals(200, pooled.get("/test1.jpg").status());
                assertEquals(200, first.get(visits.get(0).path()).status());
                Thread.sleep(visits.get(1).waitMillis());
                assertEquals(200, pooled.get(visits.get(1).path()).status());
            }
            JsonNode check = check(run(visits), name);
            assertEquals("not-applicable", check.get("verdict").asText(), check.toPrettyString());
        }
    }

    @Test
    void aChainCannotRunATimedCheckAndTheChainCardListsThemAsNotRun() throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse refused = connection.get("/check?checks=reuse,idle-timeout");
            assertEquals(400, refused.status());
            assertTrue(refused.bodyText().contains("idle-timeout are timed"), refused.bodyText());
            RawResponse chain = connection.get("/check?checks=reuse");
            String run = chain.header("Location").orElseThrow().split("/")[2];
            JsonNode check = check(run, "keep-alive-timeout");
            assertEquals("not-run", check.get("verdict").asText());
            assertTrue(check.get("reason").asText().startsWith("not run: timed"), check.toPrettyString());
        }
    }

    @Test
    void thePageSpeaksChineseAndItsCardToo() throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse page = connection.get("/check?lang=zh-CN&checks=reuse", "Accept: text/html");
            assertTrue(page.bodyText().contains("<html lang=\"zh-CN\">") && page.bodyText().contains("客户端检查"), page.bodyText());
            String first = Pattern.compile("data-next=\"([^\"]*)\"").matcher(page.bodyText()).results().findFirst().orElseThrow().group(1);
            String run = first.split("/")[2];
            connection.get(first, "Accept: text/html");
            RawResponse card = connection.get("/check/" + run, "Accept: text/html");
            assertTrue(card.bodyText().contains("<html lang=\"zh-CN\">"), "the run keeps the language chosen on its page");
            assertTrue(card.bodyText().contains("客户端从未请求") || card.bodyText().contains("没有跟随"), card.bodyText());
            assertFalse(check(run, "reuse").get("reason").asText().matches(".*\\p{IsHan}.*"), "the JSON card speaks English");
        }
    }

    @Test
    void theDemoPageLinksTheCheckPageInBothLanguages() throws Exception {
        try (RawConnection connection = lab.connect()) {
            assertTrue(connection.get("/").bodyText().contains("<a href=\"./check\">Run the client checks</a>"));
            assertTrue(connection.get("/?lang=zh-CN").bodyText().contains("<a href=\"./check?lang=zh-CN\">运行客户端检查</a>"),
                    "a language chosen on the page goes with its link");
        }
    }

    private static JsonNode check(String run, String name) throws Exception {
        return CheckCard.check(lab, run, name);
    }
}
