package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.SettingSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProtocolRulesTest {
    static final LabSettings SETTINGS = LabSettings.from(SettingSource.initParams(
            Map.of("maxRequestsPerConnection", "3", "keepAliveTimeout", "5s")::get));

    /**
     * One response under one protocol's rules.
     *
     * @param name                 what the row shows
     * @param protocol             the request's protocol
     * @param endsHttp2Connections whether the server sends GOAWAY for the lab's close
     * @param policy               the response's policy
     * @param connectionHeader     the request's {@code Connection}
     * @param nth                  its index on its connection
     * @param decision             the expected decision, as the record writes it
     * @param headers              the expected connection headers, {@code name: value}
     * @param stream               the expected recorded stream, of stream 7
     */
    record Case(String name, Protocol protocol, boolean endsHttp2Connections, ConnectionPolicy policy, String connectionHeader,
                int nth, String decision, List<String> headers, long stream) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("HTTP/1.1 keep-alive announces itself", Protocol.HTTP_1_1, true, ConnectionPolicy.KEEP_ALIVE, null, 1,
                        "kept/policy", List.of("Connection: keep-alive", "Keep-Alive: timeout=5, max=2"), 0),
                new Case("HTTP/1.1 close token", Protocol.HTTP_1_1, true, ConnectionPolicy.DEFAULT, "close", 1, "closed/client",
                        List.of(), 0),
                new Case("HTTP/1.0 without keep-alive closes", Protocol.HTTP_1_0, true, ConnectionPolicy.DEFAULT, null, 1,
                        "closed/http/1.0", List.of(), 0),
                new Case("HTTP/1.1 max-requests closes, announced", Protocol.HTTP_1_1, true, ConnectionPolicy.DEFAULT, null, 3,
                        "closed/max-requests", List.of("Connection: close"), 0),
                new Case("HTTP/2 max-requests closes by GOAWAY, no header", Protocol.H2, true, ConnectionPolicy.DEFAULT, null, 3,
                        "closed/max-requests", List.of(), 7),
                new Case("HTTP/2 close policy, no header", Protocol.H2C, true, ConnectionPolicy.CLOSE, null, 1, "closed/policy",
                        List.of(), 7),
                new Case("HTTP/2 where the server sends no GOAWAY keeps every stream's connection", Protocol.H2, false,
                        ConnectionPolicy.CLOSE, null, 3, "kept/policy", List.of(), 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAndAnnounces(Case c) {
        ProtocolRules rules = new Rulebook(SETTINGS, false, c.endsHttp2Connections()).of(c.protocol());
        String requestProtocol = switch (c.protocol()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case H2, H2C -> "HTTP/2.0";
        };
        ConnectionDecision decision = rules.decide(new ConnectionDecider.Request(c.policy(), requestProtocol, c.connectionHeader(),
                "/test1.jpg", "curl/8.0", c.nth(), Duration.ZERO, false));
        assertEquals(c.decision(), decision.describe());
        List<String> headers = new ArrayList<>();
        rules.writeConnectionHeaders(c.policy(), decision, (name, value) -> headers.add(name + ": " + value));
        assertEquals(c.headers(), headers);
        assertEquals(c.stream(), rules.recordedStream(() -> 7));
    }
}
