package dev.keepalivelab.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import dev.keepalivelab.wire.ScriptedCheckClient.Ending;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chain of client checks on real sockets: a scripted client that behaves well or badly in one way, and the verdict
 * the card gives each check for that behaviour.
 */
class ClientChecksWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = TestLab.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    /**
     * @param behaviour the client's behaviour
     * @param method    how it starts the chain
     * @param checks    the {@code ?checks=} it asks for, or empty for the default chain
     * @param verdicts  the verdict the card must give each check named (the others are not looked at)
     */
    record Case(String behaviour, ScriptedCheckClient client, String method, String checks, Map<String, String> verdicts) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Case> cases() {
        ScriptedCheckClient correct = ScriptedCheckClient.CORRECT;
        return Stream.of(
                new Case("a correct client passes every check it meets over HTTP/1.1", correct, "GET", "",
                        verdicts("reuse", "pass", "close-honoured", "pass", "goaway", "not-applicable",
                                "refused-stream", "not-applicable", "goaway-retry", "not-applicable", "stale-get-close", "pass",
                                "stale-get-reset", "pass", "stale-post", "not-run", "truncated", "not-run")),
                new Case("a client that never reuses fails reuse and never meets a stale connection", correct.withReuse(false), "GET", "",
                        verdicts("reuse", "fail", "close-honoured", "pass", "stale-get-close", "not-applicable",
                                "stale-get-reset", "not-applicable")),
                new Case("a client that does not retry a stale GET fails stale-get-close and stops the chain", correct.withRetry(false),
                        "GET", "", verdicts("reuse", "pass", "close-honoured", "pass", "stale-get-close", "fail",
                                "stale-get-reset", "not-run")),
                new Case("a client that writes on a closed connection and retries is seen only by where it retried",
                        correct.honouringClose(false), "GET", "close-honoured", verdicts("close-honoured", "pass", "reuse", "not-run")),
                new Case("a client that does not follow redirects never requests a step", correct.following(false), "GET", "",
                        verdicts("reuse", "not-run", "close-honoured", "not-run")),
                new Case("a client that resends a POST on a new connection gets a warning", correct.withRetry(true), "POST", "",
                        verdicts("stale-post", "warning", "reuse", "not-run")),
                new Case("a client that does not resend a POST stops: the chain cannot tell whether it reported it", correct, "POST", "",
                        verdicts("stale-post", "unknown")),
                new Case("a client that never reuses never meets the stale POST", correct.withReuse(false), "POST", "",
                        verdicts("stale-post", "not-applicable")),
                new Case("a client at a cut body stops: the chain cannot tell whether it reported it", correct, "GET", "truncated",
                        verdicts("truncated", "unknown", "reuse", "not-run")));
    }

    private static Map<String, String> verdicts(String... pairs) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            verdicts.put(pairs[i], pairs[i + 1]);
        }
        return verdicts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBehaviourGetsItsVerdicts(Case c) throws Exception {
        String start = "/check" + (c.checks().isEmpty() ? "" : "?checks=" + c.checks());
        Ending ending = c.client().run(lab.port(), c.method(), start, "hello world");
        assertNotNull(ending.run(), "the chain started a run: " + ending);
        JsonNode card = card(ending.run());
        Map<String, String> seen = new LinkedHashMap<>();
        for (JsonNode check : card.get("checks")) {
            if (c.verdicts().containsKey(check.get("name").asText())) {
                seen.put(check.get("name").asText(), check.get("verdict").asText());
            }
        }
        assertEquals(c.verdicts(), seen, card.toPrettyString());
    }

    @Test
    void theStalePostWarningNamesTheDuplicateBody() throws Exception {
        Ending ending = ScriptedCheckClient.CORRECT.withRetry(true).run(lab.port(), "POST", "/check", "hello world");
        JsonNode stalePost = check(card(ending.run()), "stale-post");
        String reason = stalePost.get("reason").asText();
        assertTrue(reason.startsWith("POST /check/" + ending.run() + "/stale-post/2 sent twice, 11 bytes each"), reason);
        assertEquals(ending.run(), JSON.readTree(ending.last().body()).get("run").asText(), "the resent POST's 303 led to the card");
    }

    @Test
    void aCorrectClientEndsAtItsCardAndTheCardListsTheRecordsRequests() throws Exception {
        Ending ending = ScriptedCheckClient.CORRECT.run(lab.port(), "GET", "/check", "");
        assertEquals(0, ending.exitStatus());
        JsonNode card = JSON.readTree(ending.last().body());
        assertEquals(ending.run(), card.get("run").asText(), "the chain's last response is the run's card");
        JsonNode stale = check(card, "stale-get-close");
        assertEquals(3, stale.get("requests").size(), stale.toPrettyString());
        JsonNode met = stale.get("requests").get(1);
        assertTrue(met.get("status").isNull(), "the request that met the stale connection got no response: " + met);
        assertEquals("fault/close-on-reuse", met.get("reason").asText());
    }

    @Test
    void badInputGetsAClearError() throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse unknown = connection.get("/check?checks=reuse,nope");
            assertEquals(400, unknown.status());
            assertTrue(unknown.bodyText().contains("allowed are reuse, close-honoured"), unknown.bodyText());
            assertTrue(!unknown.bodyText().contains("nope"), "the unknown name is not reflected");
            RawResponse post = connection.get("/check?checks=stale-post");
            assertEquals(400, post.status());
            assertTrue(post.bodyText().contains("stale-post need POST /check with a body"), post.bodyText());
            RawResponse mixed = connection.get("/check?checks=reuse,stale-post");
            assertEquals(400, mixed.status());
            assertTrue(mixed.bodyText().contains("run them apart"), mixed.bodyText());
            RawResponse noRun = connection.get("/check/r999999");
            assertEquals(404, noRun.status());
            assertTrue(noRun.bodyText().contains("GET /checks"), noRun.bodyText());
        }
        try (RawConnection connection = lab.connect()) {
            connection.send("POST /check HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
            RawResponse empty = connection.readResponse(false);
            assertEquals(400, empty.status());
            assertTrue(empty.bodyText().contains("needs a body"), empty.bodyText());
        }
    }

    @Test
    void theCardIsHtmlForABrowserInItsLanguageAndChecksListsTheRunsNewestFirst() throws Exception {
        String first = ScriptedCheckClient.CORRECT.following(false).run(lab.port(), "GET", "/check?client=first", "").run();
        String second = ScriptedCheckClient.CORRECT.following(false).run(lab.port(), "GET", "/check?client=second", "").run();
        try (RawConnection connection = lab.connect()) {
            RawResponse html = connection.get("/check/" + second, "Accept: text/html,application/xhtml+xml", "Accept-Language: zh-CN");
            assertEquals("text/html;charset=utf-8", html.header("Content-Type").orElse(""));
            assertTrue(html.bodyText().contains("<html lang=\"zh-CN\">") && html.bodyText().contains("未运行"), html.bodyText());
            JsonNode runs = JSON.readTree(connection.get("/checks").body()).get("runs");
            assertEquals(second, runs.get(0).get("run").asText());
            assertEquals("second", runs.get(0).get("client").asText());
            assertEquals(first, runs.get(1).get("run").asText());
        }
    }

    @Test
    void requestsToTheStepsOfAFinishedRunNeverChangeItsCard() throws Exception {
        Ending ending = ScriptedCheckClient.CORRECT.run(lab.port(), "GET", "/check", "");
        JsonNode before = card(ending.run()).get("checks");
        assertEquals("pass", check(card(ending.run()), "reuse").get("verdict").asText(), before.toPrettyString());
        for (String step : new String[] {"reuse/1", "reuse/2", "stale-get-close/1", "stale-get-close/2", "close-honoured/2"}) {
            try (RawConnection stranger = lab.connect()) { // a reload, the back button, or anyone with the run's id
                stranger.get("/check/" + ending.run() + "/" + step);
            }
        }
        assertEquals(before.toPrettyString(), card(ending.run()).get("checks").toPrettyString(), "the card of a finished run stays as it was");
    }

    @Test
    void theClosePassSaysWhatTheLabSawNotWhatItCannot() throws Exception {
        Ending ending = ScriptedCheckClient.CORRECT.honouringClose(false).run(lab.port(), "GET", "/check?checks=close-honoured", "");
        String reason = check(card(ending.run()), "close-honoured").get("reason").asText();
        assertTrue(reason.contains("none was lost") && reason.contains("cannot see"), reason);
    }

    @Test
    void theHtmlCardRunsNoScriptAndHeadAndQValuesAreHonoured() throws Exception {
        String run = ScriptedCheckClient.CORRECT.following(false).run(lab.port(), "GET", "/check?client=csp", "").run();
        try (RawConnection connection = lab.connect()) {
            RawResponse html = connection.get("/check/" + run, "Accept: text/html");
            String csp = html.header("Content-Security-Policy").orElse("");
            assertTrue(csp.startsWith("default-src 'none'") && csp.contains("style-src 'sha256-") && !csp.contains("script-src"), html.toString());
            RawResponse notHtml = connection.get("/check/" + run, "Accept: text/html;q=0, application/json");
            assertEquals("application/json", notHtml.header("Content-Type").orElse(""), "text/html;q=0 is not HTML");
            RawResponse head = connection.exchange("HEAD", "/check?checks=reuse", "HTTP/1.1");
            assertEquals(302, head.status(), "HEAD /check is answered as GET is: " + head);
        }
    }

    @Test
    void aCardWhoseRequestsTheRecordForgotSaysSo() throws Exception {
        try (TestLab small = TestLab.start(Map.of("historySize", "8"))) {
            Ending ending = ScriptedCheckClient.CORRECT.run(small.port(), "GET", "/check?checks=reuse", "");
            try (RawConnection connection = small.connect()) {
                for (int i = 0; i < 10; i++) {
                    connection.get("/test1.jpg");
                }
                JsonNode card = JSON.readTree(connection.get("/check/" + ending.run(), "Accept: application/json").body());
                String reason = check(card, "reuse").get("reason").asText();
                assertTrue(reason.contains("no longer holds"), reason);
            }
        }
    }

    @Test
    void runIdsDifferAcrossLabs() throws Exception {
        try (TestLab other = TestLab.start(Map.of()); TestLab third = TestLab.start(Map.of())) {
            String a = ScriptedCheckClient.CORRECT.following(false).run(other.port(), "GET", "/check", "").run();
            String b = ScriptedCheckClient.CORRECT.following(false).run(third.port(), "GET", "/check", "").run();
            assertNotNull(a);
            assertTrue(!a.equals(b), "two labs (or one lab's two boots) hand out different run ids: " + a + ", " + b);
        }
    }

    private static JsonNode card(String run) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse card = connection.get("/check/" + run, "Accept: application/json");
            assertEquals(200, card.status(), card.bodyText());
            return JSON.readTree(card.body());
        }
    }

    private static JsonNode check(JsonNode card, String name) {
        for (JsonNode check : card.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " on " + card);
    }
}
