package dev.keepalivelab.wire;

import dev.keepalivelab.lab.KeepAliveLab;
import dev.keepalivelab.lab.RequestBody;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawConnection.End;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every HTTP/1.x rule that ends a connection announces it: its last response says {@code Connection: close}, and then
 * the server closes (FIN), whether the client waits for each response, pipelines its requests in one write, or has its
 * next request already on the wire when that response leaves. Requests after the closing one get no response, and the
 * record holds only the requests that were answered: the rest never became requests.
 */
class Http1EndingsWireTest {
    private static final String[] AFTER_THE_END = {"/test2.jpg", "/test3.jpg"};

    /**
     * One rule that ends a connection.
     *
     * @param name    the rule, as the test's name shows it
     * @param params  the lab's init-params that arm it
     * @param kept    the requests served and kept before the one the rule ends the connection at
     * @param pause   how long the connection must live before the closing request (for the age limit); zero for none
     * @param closing the request the rule ends the connection at
     * @param status  its response's status
     * @param reason  the reason the record gives
     */
    record Ending(String name, Map<String, String> params, boolean connectorCloses, List<Request> kept, Duration pause,
                  Request closing, int status, String reason) {
        @Override
        public String toString() {
            return name;
        }

        /** HTTP/1.0 has no chunked transfer coding (RFC 9112 section 6.1). */
        boolean runsOver(String version) {
            return version.equals("HTTP/1.1") || Stream.concat(kept.stream(), Stream.of(closing)).noneMatch(
                    r -> Arrays.stream(r.headers()).anyMatch(h -> h.startsWith("Transfer-Encoding:")));
        }
    }

    /** A request, written in the version each test runs (HTTP/1.0 asks for keep-alive), and the body bytes the client sends. */
    record Request(String method, String target, String body, String... headers) {
        static Request get(String target, String... headers) {
            return new Request("GET", target, "", headers);
        }

        String write(String version) {
            StringBuilder text = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                    .append("\r\nHost: localhost\r\n");
            if (version.equals("HTTP/1.0") && Arrays.stream(headers).noneMatch(h -> h.startsWith("Connection:"))) {
                text.append("Connection: keep-alive\r\n");
            }
            for (String header : headers) {
                text.append(header).append("\r\n");
            }
            return text.append("\r\n").append(body).toString();
        }
    }

    private static final Request IMAGE = Request.get("/test1.jpg");
    /** A body over /submit's limit, of which the client sends 3 bytes: the server answers 413 without reading the rest. */
    private static final Request TOO_LARGE = new Request("POST", "/submit", "xyz", "Content-Length: " + (KeepAliveLab.MAX_SUBMIT_BYTES + 1));

    /** Bodies the lab does not use, at most {@link RequestBody#MAX_DISCARDED_BYTES}: read and discarded. */
    private static final Request SMALL_BODY = new Request("GET", "/test2.jpg", "hello", "Content-Length: 5");
    private static final Request SMALL_CHUNKED_BODY = new Request("GET", "/test3.jpg", chunk(5) + "0\r\n\r\n",
            "Transfer-Encoding: chunked");

    private static String chunk(long size) {
        return Long.toHexString(size) + "\r\n" + "x".repeat((int) size) + "\r\n";
    }

    static List<Ending> endings() {
        Duration age = Duration.ofMillis(300);
        return List.of(
                new Ending("max requests per connection", Map.of("maxRequestsPerConnection", "3"), false, List.of(IMAGE, IMAGE),
                        Duration.ZERO, IMAGE, 200, "max-requests"),
                new Ending("max requests, on the page under the default policy", Map.of("maxRequestsPerConnection", "2"), false,
                        List.of(Request.get("/")), Duration.ZERO, Request.get("/"), 200, "max-requests"),
                new Ending("max connection age", Map.of("maxConnectionAge", age.toMillis() + "ms"), false, List.of(IMAGE), age,
                        IMAGE, 200, "max-age"),
                new Ending("close paths", Map.of("closePaths", "/test11*.jpg"), false, List.of(IMAGE), Duration.ZERO,
                        Request.get("/test11.jpg"), 200, "close-paths"),
                new Ending("close paths, on the page under the default policy", Map.of("closePaths", "/"), false, List.of(IMAGE),
                        Duration.ZERO, Request.get("/"), 200, "close-paths"),
                new Ending("per-client rule (keepAliveDisable)", Map.of("keepAliveDisable", "MSIE [56]\\."), false, List.of(IMAGE),
                        Duration.ZERO, Request.get("/test1.jpg", "User-Agent: Mozilla/4.0 (compatible; MSIE 6.0)"), 200, "user-agent"),
                new Ending("?connection=close", Map.of(), false, List.of(IMAGE), Duration.ZERO,
                        Request.get("/test1.jpg?connection=close"), 200, "policy"),
                new Ending("the image policy's close", Map.of("connection", "close"), false, List.of(Request.get("/")),
                        Duration.ZERO, IMAGE, 200, "policy"),
                new Ending("the page policy's close", Map.of("pageConnection", "close"), false, List.of(IMAGE), Duration.ZERO,
                        Request.get("/"), 200, "policy"),
                new Ending("an unread request body (over /submit's limit)", Map.of(), false, List.of(IMAGE), Duration.ZERO, TOO_LARGE,
                        413, "unread-body"),
                new Ending("a small body read and discarded keeps; one declared over 64 KiB, not all sent, is unread",
                        Map.of(), false, List.of(IMAGE, SMALL_BODY), Duration.ZERO,
                        new Request("POST", "/test1.jpg", "0123456789", "Content-Length: 100000"), 405, "unread-body"),
                new Ending("small bodies, declared and chunked, read and discarded keep; a chunked one over 64 KiB is unread",
                        Map.of(), false, List.of(IMAGE, SMALL_BODY, SMALL_CHUNKED_BODY), Duration.ZERO,
                        new Request("POST", "/test1.jpg", chunk(RequestBody.MAX_DISCARDED_BYTES + 1) + "0\r\n\r\n",
                                "Transfer-Encoding: chunked"), 405, "unread-body"),
                new Ending("the client's Connection: close", Map.of(), false, List.of(IMAGE), Duration.ZERO,
                        Request.get("/test1.jpg", "Connection: close"), 200, "client"),
                new Ending("the client's Connection: close, on the page under the default policy", Map.of(), false, List.of(IMAGE),
                        Duration.ZERO, Request.get("/", "Connection: close"), 200, "client"),
                new Ending("the connector's --no-keep-alive", Map.of(), true, List.of(), Duration.ZERO, IMAGE, 200, "connector"));
    }

    /** How the client sends the closing request and the ones after it. */
    enum Sending {
        /** Each request after the previous response: after the closing one, the client finds the connection closed. */
        ONE_BY_ONE,
        /** The kept requests, the closing one and two more in one write. */
        PIPELINED,
        /** The closing request, then the next one in a write of its own before the client reads the response. */
        NEXT_ON_THE_WIRE
    }

    static Stream<Arguments> cases() {
        return endings().stream().flatMap(ending -> Stream.of("HTTP/1.1", "HTTP/1.0").filter(ending::runsOver).flatMap(version ->
                Arrays.stream(Sending.values()).map(sending -> Arguments.of(ending, version, sending))));
    }

    @ParameterizedTest(name = "{0}, {1}, {2}: Connection: close on the last response, then EOF")
    @MethodSource("cases")
    void everyRuleAnnouncesItsCloseOnTheLastResponseItServes(Ending ending, String version, Sending sending) throws Exception {
        ServerSettings server = ServerSettings.of("127.0.0.1", 0, TestLab.DEFAULT_IDLE_TIMEOUT)
                .with(Setting.ENGINE, TestLab.ENGINE.value()).with(Setting.NO_KEEP_ALIVE, Boolean.toString(ending.connectorCloses()));
        try (TestLab lab = TestLab.start(ending.params(), server); RawConnection connection = lab.connect()) {
            List<RawResponse> kept = new ArrayList<>();
            String afterTheEnd = Arrays.stream(AFTER_THE_END).map(path -> Request.get(path).write(version))
                    .reduce("", String::concat);
            String closing = ending.closing().write(version);
            boolean inOneWrite = sending == Sending.PIPELINED && ending.pause().isZero();
            if (inOneWrite) {
                connection.send(ending.kept().stream().map(r -> r.write(version)).reduce("", String::concat) + closing + afterTheEnd);
            } else {
                for (Request request : ending.kept()) {
                    connection.send(request.write(version));
                    kept.add(connection.readResponse(false));
                }
                // Pacing, not synchronising: the server decides the connection's age by its own clock.
                Thread.sleep(ending.pause().toMillis());
                switch (sending) {
                    case ONE_BY_ONE -> connection.send(closing);
                    case PIPELINED -> connection.send(closing + afterTheEnd);
                    case NEXT_ON_THE_WIRE -> {
                        connection.send(closing);
                        connection.send(Request.get(AFTER_THE_END[0]).write(version));
                    }
                }
            }
            for (int i = kept.size(); i < ending.kept().size(); i++) {
                kept.add(connection.readResponse(false));
            }
            for (RawResponse response : kept) {
                assertEquals(200, response.status(), response.toString());
                assertFalse(response.announcesClose(), "a kept response says nothing of a close: " + response);
            }
            RawResponse last = connection.readResponse(false);
            assertEquals(ending.status(), last.status(), last.toString());
            if (ending.reason().equals("client") && version.equals("HTTP/1.0")) {
                // The client's own close, under the policy that adds no header: an HTTP/1.0 response without keep-alive
                // is the last on its connection (RFC 9112 section 9.3), and Jetty says no more.
                assertFalse(last.header("Connection").orElse("").contains("keep-alive"), "no keep-alive: " + last);
            } else {
                assertEquals(Optional.of("close"), last.header("Connection"), "the last response announces the close: " + last);
            }
            assertFalse(last.hasHeader("Keep-Alive"), "a closing response advertises no Keep-Alive: " + last);
            assertEquals(End.FIN, connection.awaitEnd(), "then the server closes, answering nothing more, with a FIN");

            int answered = ending.kept().size() + 1;
            Connections.Connection ended = LabRecord.ended(lab, "c1");
            assertEquals(ending.reason(), ended.closeReason(), ended.toString());
            assertEquals("server", ended.closedBy(), ended.toString());
            assertEquals(answered, ended.requests(), "the record counts the answered requests only: " + ended);
            List<Connections.Request> requests = LabRecord.finishedOn(lab, "c1", answered);
            assertEquals(answered, requests.size(), "the requests after the closing one never became requests: " + requests);
            assertEquals("closed/" + ending.reason(), requests.get(answered - 1).decided());
            assertTrue(requests.subList(0, answered - 1).stream().allMatch(r -> r.decided().startsWith("kept/")), requests.toString());
        }
    }
}
