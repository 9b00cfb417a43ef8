package dev.keepalivelab.lab;

import dev.keepalivelab.lab.LabResponse.Header;
import dev.keepalivelab.lab.connection.LabConnection;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.SettingSource;
import dev.keepalivelab.support.Connections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link KeepAliveLab#answer} as a truth table, without a server: what a request asks, on which protocol and which
 * server, against the status, the connection headers, the lab's decision and the start of the body it answers with.
 */
class KeepAliveLabTest {
    /** What a row asks of a fresh lab; {@code requestsBefore} earlier requests on the same connection come first. */
    record Ask(String method, String target, String protocol, Map<String, String> headers, long bodyBytes,
               int requestsBefore) {
        static Ask get(String target) {
            return new Ask("GET", target, "HTTP/1.1", Map.of(), LabRequest.NOT_READ, 0);
        }

        Ask over(String protocol) {
            return new Ask(method, target, protocol, headers, bodyBytes, requestsBefore);
        }

        Ask withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Ask(method, target, protocol, Map.copyOf(more), bodyBytes, requestsBefore);
        }

        Ask method(String method, long bodyBytes) {
            return new Ask(method, target, protocol, headers, bodyBytes, requestsBefore);
        }

        Ask after(int requestsBefore) {
            return new Ask(method, target, protocol, headers, bodyBytes, requestsBefore);
        }
    }

    /** What the row expects: the status, the Connection header (null for none: HTTP/1.1 persists unless told), the decision as the record writes it, the body's start. */
    record Then(int status, String connectionHeader, String decision, String bodyStart) {
    }

    /**
     * One row: its name, the lab's init-params, the server around it, the request and what it gets.
     * The server is the embedded main's unless the row says {@link ServerCapabilities#SERVLET_API_ONLY}.
     */
    record Case(String name, Map<String, String> initParams, ServerCapabilities server, Ask ask, Then then) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final ServerCapabilities EMBEDDED = new ServerCapabilities(false, true, true, true);

    static Case row(String name, Ask ask, Then then) {
        return new Case(name, Map.of(), EMBEDDED, ask, then);
    }

    static Case row(String name, Map<String, String> initParams, Ask ask, Then then) {
        return new Case(name, initParams, EMBEDDED, ask, then);
    }

    static Stream<Case> cases() {
        return Stream.of(
                row("the page, kept under the default keep-alive policy", Ask.get("/"),
                        new Then(200, null, "kept/policy", "<!DOCTYPE html>")),
                row("an image under connection=close says so and closes", Map.of("connection", "close"), Ask.get("/test1.jpg"),
                        new Then(200, "close", "closed/policy", null)),
                row("?connection=close on one image", Ask.get("/test1.jpg?connection=close"),
                        new Then(200, "close", "closed/policy", null)),
                row("the client's Connection: close wins", Ask.get("/test1.jpg").withHeader("Connection", "close"),
                        new Then(200, "close", "closed/client", null)),
                row("HTTP/1.0 without keep-alive closes", Ask.get("/test1.jpg").over("HTTP/1.0"),
                        new Then(200, "close", "closed/http/1.0", null)),
                row("HTTP/1.0 asking keep-alive is kept", Ask.get("/test1.jpg").over("HTTP/1.0").withHeader("Connection", "keep-alive"),
                        new Then(200, "keep-alive", "kept/policy", null)),
                row("the Nth request under maxRequestsPerConnection closes", Map.of("maxRequestsPerConnection", "3"),
                        Ask.get("/test1.jpg").after(2), new Then(200, "close", "closed/max-requests", null)),
                row("HTTP/2 carries no connection header, even where the policy closes", Map.of("connection", "close"),
                        Ask.get("/test1.jpg").over("HTTP/2.0"), new Then(200, null, "closed/policy", null)),
                new Case("HTTP/2 on a servlet container: the lab cannot send GOAWAY, so its rules keep the connection",
                        Map.of("connection", "close"), ServerCapabilities.SERVLET_API_ONLY, Ask.get("/test1.jpg").over("HTTP/2.0"),
                        new Then(200, null, "kept/policy", null)),
                row("a path the lab does not serve: the 404 names what it serves, the control API too", Ask.get("/favicon.ico"),
                        new Then(404, null, "kept/policy", "Not found: this lab serves its page at /, the 20 images it names,"
                                + " /connections, /submit, its client checks at /check and its control API under /control.")),
                row("a method the lab does not take", Ask.get("/").method("POST", 0),
                        new Then(405, null, "kept/policy", "Method not allowed: use GET, HEAD.")),
                row("a small body the lab does not use, read whole and discarded, keeps the connection",
                        Ask.get("/").method("POST", 5).withHeader("Content-Length", "5"),
                        new Then(405, null, "kept/policy", "Method not allowed")),
                row("a body over the discard bound stays unread: the connection closes, announced",
                        Ask.get("/").method("POST", LabRequest.TOO_LARGE).withHeader("Content-Length", "100000"),
                        new Then(405, "close", "closed/unread-body", "Method not allowed")),
                row("a body the client stopped sending on a GET is an incomplete body",
                        Ask.get("/test1.jpg").method("GET", LabRequest.INCOMPLETE).withHeader("Content-Length", "5"),
                        new Then(400, "close", "closed/unread-body", "Request body incomplete")),
                row("a body after Expect: 100-continue is not asked for: the connection closes, announced",
                        Ask.get("/test1.jpg").withHeader("Content-Length", "5").withHeader("Expect", "100-continue"),
                        new Then(200, "close", "closed/unread-body", null)),
                row("a body to /submit is counted", Ask.get("/submit").method("POST", 18),
                        new Then(200, null, "kept/policy", "Received 18 bytes.")),
                row("a body to /submit over 1 MiB: 413, and the connection closes on the body left unread",
                        Ask.get("/submit").method("POST", LabRequest.TOO_LARGE),
                        new Then(413, "close", "closed/unread-body", "Request body too large")),
                row("a body over 1 MiB on HTTP/2 ends its stream, not the connection other streams share",
                        Ask.get("/submit").method("POST", LabRequest.TOO_LARGE).over("HTTP/2.0"),
                        new Then(413, null, "kept/policy", "Request body too large")),
                row("a bad query parameter", Ask.get("/test1.jpg?connection=sometimes"),
                        new Then(400, null, "kept/policy", "Invalid query parameter connection")),
                new Case("a fault that needs socket control, asked of a servlet container", Map.of(),
                        ServerCapabilities.SERVLET_API_ONLY, Ask.get("/test1.jpg?fault=reset"),
                        new Then(400, null, "kept/policy", "Fault reset needs a server that controls its sockets")));
    }

    @Test
    void aRefusedFaultIsAnsweredWithoutAnyFaultNotEvenTheServerWideOne() {
        KeepAliveLab lab = new KeepAliveLab(LabSettings.from(SettingSource.initParams(Map.of("fault", "delay=5ms")::get)),
                ServerCapabilities.SERVLET_API_ONLY);
        LabResponse refused = lab.answer(new FakeRequest(Ask.get("/test1.jpg?fault=reset"), LabConnection.accepted()));
        LabResponse served = lab.answer(new FakeRequest(Ask.get("/test1.jpg"), LabConnection.accepted()));
        assertAll(
                () -> assertEquals(400, refused.status()),
                () -> assertNull(refused.fault(), "the 400 that refuses ?fault=reset gets no fault"),
                () -> assertEquals("delay=5ms", String.valueOf(served.fault()), "the server-wide fault is there for others"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers(Case row) throws IOException {
        KeepAliveLab lab = new KeepAliveLab(LabSettings.from(SettingSource.initParams(row.initParams()::get)), row.server());
        LabConnection connection = LabConnection.accepted();
        for (int i = 0; i < row.ask().requestsBefore(); i++) {
            lab.answer(new FakeRequest(Ask.get("/test1.jpg").over(row.ask().protocol()), connection));
        }
        LabResponse response = lab.answer(new FakeRequest(row.ask(), connection));
        Then then = row.then();
        String decided = decision(lab, response.exchange().requestId());
        String body = new String(response.body().toByteArray(), StandardCharsets.UTF_8);
        assertAll(
                () -> assertEquals(then.status(), response.status(), "status"),
                () -> assertEquals(then.connectionHeader(), header(response, "Connection"), "Connection header"),
                () -> assertEquals(then.decision(), decided, "the decision the record shows"),
                () -> assertEquals(row.ask().requestsBefore() + 1, response.requestOnConnection(), "index on the connection"),
                () -> {
                    if (then.bodyStart() != null) {
                        assertEquals(then.bodyStart(), body.substring(0, Math.min(body.length(), then.bodyStart().length())), body);
                    }
                });
    }

    private static String header(LabResponse response, String name) {
        List<String> values = response.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** The decision of the request with id {@code id} as {@code /connections} writes it, e.g. {@code closed/max-requests}. */
    private static String decision(KeepAliveLab lab, long id) throws IOException {
        Connections record = Connections.parse(lab.answer(new FakeRequest(Ask.get("/connections"), LabConnection.accepted())).body().toByteArray());
        return record.requests().stream().filter(r -> r.id() == id).findFirst().orElseThrow().decided();
    }

    /** A request as a serving path hands it over. */
    private record FakeRequest(Ask ask, LabConnection connection) implements LabRequest {
        @Override
        public String method() {
            return ask.method();
        }

        @Override
        public String contextPath() {
            return "";
        }

        @Override
        public String path() {
            int query = ask.target().indexOf('?');
            return query < 0 ? ask.target() : ask.target().substring(0, query);
        }

        @Override
        public String protocol() {
            return ask.protocol();
        }

        @Override
        public String header(String name) {
            return ask.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        @Override
        public String authority() {
            return header("Host");
        }

        @Override
        public String rawQuery() {
            int query = ask.target().indexOf('?');
            return query < 0 ? null : ask.target().substring(query + 1);
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public int remotePort() {
            return 50_000;
        }

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public long streamId() {
            return 1;
        }

        @Override
        public long bodyBytes() {
            return ask.bodyBytes();
        }

        @Override
        public byte[] body() {
            return new byte[0];
        }
    }
}
