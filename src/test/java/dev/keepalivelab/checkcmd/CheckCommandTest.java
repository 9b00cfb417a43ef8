package dev.keepalivelab.checkcmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check} against its in-process lab, with curl and small shell commands: its exit status, its card, and what it leaves behind. */
class CheckCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    /** The labs the command started, to see that each was stopped. */
    final List<InProcessLab> labs = new ArrayList<>();

    int check(String... args) {
        return CheckCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), https -> {
            InProcessLab lab = InProcessLab.start(https);
            labs.add(lab);
            return lab;
        });
    }

    static String curl() {
        return ExternalTool.require("curl", "curl").toString();
    }

    /** The card's line for {@code check}: its check, verdict and why, as the table prints them, with RUN for the run's id. */
    String line(String check) {
        return runs(out.toString().lines().filter(line -> line.startsWith(check + " ")).findFirst().orElse("(no line for " + check + ")\n" + out)
                .replaceAll(" {2,}", " | "));
    }

    /** {@code text} with RUN for each run's id in a path. */
    static String runs(String text) {
        return text.replaceAll("/check/[^/\\s]+/", "/check/RUN/");
    }

    /** After every run: the lab's port is closed and no process the command started is alive. */
    @AfterEach
    void nothingIsLeft() {
        for (InProcessLab lab : labs) {
            URI base = URI.create(lab.base());
            assertThrows(ConnectException.class, () -> new Socket(base.getHost(), base.getPort()).close(), "the lab still listens at " + base);
        }
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).toList(), "processes left by check");
    }

    @Test
    void aClientThatFailsNoCheckExits0() {
        assertEquals(0, check("--checks", "reuse,truncated", "--", curl(), "-sSfL", "-o", "/dev/null", "{url}"), err::toString);
        assertEquals("reuse | pass | the second request came on c1, the first's connection, kept alive", line("reuse"));
        assertTrue(line("truncated").matches("truncated \\| pass \\| the client got /check/RUN/truncated/1 cut at \\d+ of \\d+ bytes,"
                + " and its command exited with status 18"), line("truncated"));
        assertTrue(out.toString().contains("\nclient:  User-Agent curl/"), out::toString);
        assertEquals("", err.toString());
    }

    /** The headline command, at every default: the timed checks are not run (a command cannot wait), so curl fails none. */
    @Test
    void theHeadlineCommandAtItsDefaultsExits0AndListsTheTimedChecksAsNotRun() {
        assertEquals(0, check("--", curl(), "-sL", "-o", "/dev/null", "{url}"), () -> err + "\n" + out);
        for (String timed : List.of("keep-alive-timeout", "idle-timeout")) {
            assertEquals(timed + " | not-run | timed: " + CheckCommand.TIMED_WHY, line(timed));
        }
        assertEquals("", err.toString());
    }

    /** curl without -f, whose exit status the shell drops: the lab alone cannot tell that it took the cut body as whole. */
    @Test
    void aCommandThatExits0AfterACutBodyFailsTruncatedAndExits1() {
        assertEquals(1, check("--checks", "truncated", "--", "sh", "-c", curl() + " -sL -o /dev/null \"$0\"; exit 0", "{url}"), err::toString);
        assertTrue(line("truncated").matches("truncated \\| fail \\| the client got /check/RUN/truncated/1 cut at \\d+ of \\d+ bytes,"
                + " but its command exited 0: it took the cut body as whole"), line("truncated"));
    }

    @Test
    void aCommandThatMakesNoRequestFailsEachCheckAndExits2() {
        assertEquals(2, check("--checks", "reuse,goaway", "--", "sh", "-c", "echo \"not fetching $0\" >&2; exit 3", "{url}"));
        assertEquals("reuse | fail | the command made no request to the lab (exit status 3: not fetching http://127.0.0.1:PORT/check/RUN/reuse/1)",
                line("reuse").replaceAll(":\\d+/", ":PORT/"));
        assertEquals("goaway | fail | the command made no request to the lab (exit status 3: not fetching http://127.0.0.1:PORT/check/RUN/goaway/1)",
                line("goaway").replaceAll(":\\d+/", ":PORT/"));
        assertEquals(List.of(CheckCommand.PREFIX + "the command made no request to the lab in any check (exit status 3: not fetching"
                        + " http://127.0.0.1:PORT/check/RUN/reuse/1): is {url} where the client takes its URL? e.g. curl -sSfL -o /dev/null {url}"),
                runs(err.toString().replaceAll(":\\d+/", ":PORT/")).lines().toList());
    }

    @Test
    void aCommandThatHangsIsKilledAtTheTimeoutWithWhatItStarted() {
        String sleep = "sleep 8" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        assertEquals(1, check("--timeout", "1s", "--checks", "reuse", "--", "sh", "-c",
                curl() + " -s -o /dev/null \"$0\"; " + sleep + " & wait", "{url}"), err::toString);
        assertEquals("reuse | fail | timed out after 1s (killed, with every process it started); the lab saw 1 request", line("reuse"));
        assertEquals(List.of(), ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(sleep)).map(ProcessHandle::pid).toList(), "left alive: " + sleep);
    }

    /** A command that hangs without a request is broken: check stops at the first check, not after --timeout on each. */
    @Test
    void aCommandThatHangsWithoutARequestStopsTheChecksAtTheFirst() {
        String sleep = CommandRunnerTest.uniqueSleep(3);
        assertEquals(2, check("--timeout", "1s", "--", "sh", "-c", sleep, "{url}"));
        assertEquals("reuse | fail | timed out after 1s (killed, with every process it started); the lab saw 0 requests", line("reuse"));
        for (String check : List.of("close-honoured", "goaway", "stale-get-close", "truncated")) {
            assertEquals(check + " | not-run | the command outran --timeout on reuse without a request to the lab: check stopped there",
                    line(check));
        }
        assertEquals(List.of(CheckCommand.PREFIX + "the command made no request to the lab and outran --timeout on reuse (timed out after 1s"
                + " (killed, with every process it started)), so check stopped there: is {url} where the client takes its URL? e.g. "
                + CheckCommand.EXAMPLE), err.toString().lines().toList());
    }

    @Test
    void aCommandThatCannotStartExits2WithTheReason() {
        assertEquals(2, check("--", "no-such-client-here", "-o", "/dev/null", "{url}"));
        assertEquals(List.of(CheckCommand.PREFIX + "cannot run 'no-such-client-here': No such file or directory"), err.toString().lines().toList());
        assertEquals("", out.toString());
    }

    /** Over HTTPS, curl trusts the run's certificate by {cacert} and speaks HTTP/2, where GOAWAY, not Connection: close, ends a connection. */
    @Test
    void overHttpsTheCommandGetsAnHttpsUrlAndTheCertificate() {
        assertEquals(0, check("--https", "--checks", "reuse,close-honoured,goaway", "--", curl(), "-sSfL", "--cacert", "{cacert}", "-o",
                "/dev/null", "{url}"), err::toString);
        assertEquals("reuse | pass | the second request came on c1, the first's connection, kept alive", line("reuse"));
        assertEquals("close-honoured | not-applicable | the client spoke HTTP/2.0, which has no Connection: close; the goaway check asks"
                + " the same on HTTP/2", line("close-honoured"));
        assertTrue(line("goaway").matches("goaway \\| pass \\| the next request came on c\\d+, a new connection, after c\\d+'s GOAWAY, and none was lost.*"), line("goaway"));
        assertTrue(labs.get(0).base().startsWith("https://127.0.0.1:"), labs.get(0).base());
        assertTrue(labs.get(0).certificate().isPresent() && !Files.exists(labs.get(0).certificate().get()), "the certificate's file is left");
    }

    /** --json carries each check's requests as the lab's record has them, the same objects as the chain card's JSON. */
    @Test
    void jsonCarriesEachChecksRecordAndTheCommandsEnd() throws IOException {
        assertEquals(0, check("--json", "--checks", "stale-get-close", "--", curl(), "-sSfL", "-o", "/dev/null", "{url}"), err::toString);
        JsonNode card = new ObjectMapper().readTree(out.toString());
        assertEquals(List.of(curl(), "-sSfL", "-o", "/dev/null", "{url}"), texts(card.get("command")));
        JsonNode checked = card.get("checks").get(0);
        assertEquals("stale-get-close", checked.get("name").asText());
        assertEquals("pass", checked.get("verdict").asText());
        assertEquals("GET /check/RUN/stale-get-close/2 met c1's close (FIN) and came again once, on c2", runs(checked.get("reason").asText()));
        assertTrue(checked.get("userAgents").get(0).asText().startsWith("curl/"), checked::toString);
        assertEquals("{\"exitStatus\":0,\"lastLine\":\"\"}", checked.get("command").toString());
        JsonNode requests = checked.get("requests");
        assertEquals(List.of("GET /check/RUN/stale-get-close/1 c1 #1 302", "GET /check/RUN/stale-get-close/2 c1 #2 null",
                "GET /check/RUN/stale-get-close/2 c2 #1 302"), texts(requests, r -> r.get("method").asText() + " " + runs(r.get("path").asText())
                + " " + r.get("connection").asText() + " #" + r.get("requestOnConnection") + " " + r.get("status")));
        assertEquals("close-on-reuse", requests.get(0).get("fault").asText(), requests::toString);
        assertEquals(List.of("id", "method", "path", "connection", "requestOnConnection", "protocol", "status", "fault", "decision", "reason",
                "bytes"), texts(requests.get(0).fieldNames()));
        String stalePost = texts(card.get("checks"), JsonNode::toString).stream().filter(line -> line.startsWith("{\"name\":\"stale-post\""))
                .findFirst().orElseThrow();
        assertEquals("{\"name\":\"stale-post\",\"verdict\":\"not-run\",\"reason\":\"not run: it needs a command that POSTs a body,"
                + " e.g. check --checks stale-post -- curl -sSfL -d ok -o /dev/null {url}\",\"userAgents\":[],\"requests\":[],\"command\":null}",
                stalePost);
        assertEquals(0, card.get("failed").asInt());
    }

    /** --record prints, under each check's line, the requests the lab recorded for it: the card line by line against the record. */
    @Test
    void recordPrintsEachChecksRequestsUnderItsLine() {
        assertEquals(0, check("--record", "--checks", "reuse", "--", curl(), "-sSfL", "-o", "/dev/null", "{url}"), err::toString);
        List<String> lines = out.toString().lines().toList();
        int reuse = lines.indexOf(lines.stream().filter(line -> line.startsWith("reuse ")).findFirst().orElseThrow());
        assertTrue(runs(lines.get(reuse + 1)).matches(" +#\\d+ GET /check/RUN/reuse/1 c1 #1 HTTP/1.1 302 kept/\\S+, \\d+ bytes"), lines.get(reuse + 1));
        assertTrue(runs(lines.get(reuse + 2)).matches(" +#\\d+ GET /check/RUN/reuse/2 c1 #2 HTTP/1.1 302 kept/\\S+, \\d+ bytes"), lines.get(reuse + 2));
        assertTrue(lines.get(reuse + 3).startsWith("close-honoured "), lines.get(reuse + 3));
    }

    /** A command with the wrong method for its checks is told which: a GET on stale-post, a POST on the GET checks; nothing judged. */
    @Test
    void aCommandWithTheWrongMethodIsToldSoAndExits2() {
        assertEquals(2, check("--checks", "stale-post", "--", curl(), "-sSL", "-o", "/dev/null", "{url}"));
        assertEquals("stale-post | not-applicable | the command sent GET /check/RUN/stale-post/1, and stale-post needs a POST with a body:"
                + " e.g. check --checks stale-post -- curl -sSfL -d ok -o /dev/null {url}", line("stale-post"));
        assertEquals(List.of(CheckCommand.PREFIX + "the command sent GET where the checks it ran need POST: nothing was judged"),
                err.toString().lines().toList());
    }

    @Test
    void aCommandThatPostsOnTheGetChecksIsToldSoAndExits2() {
        assertEquals(2, check("--checks", "reuse,truncated", "--", curl(), "-sSL", "-d", "ok", "-o", "/dev/null", "{url}"));
        assertEquals("reuse | not-applicable | the command sent POST /check/RUN/reuse/1, and reuse needs a GET: e.g. check -- curl -sSfL -o"
                + " /dev/null {url}", line("reuse"));
        assertEquals(List.of(CheckCommand.PREFIX + "the command sent POST where the checks it ran need GET: nothing was judged"),
                err.toString().lines().toList());
    }

    static List<String> texts(JsonNode array) {
        return texts(array, JsonNode::asText);
    }

    static List<String> texts(JsonNode array, java.util.function.Function<JsonNode, String> text) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(text.apply(node)));
        return texts;
    }

    static List<String> texts(java.util.Iterator<String> names) {
        List<String> texts = new ArrayList<>();
        names.forEachRemaining(texts::add);
        return texts;
    }
}
