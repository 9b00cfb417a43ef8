package dev.keepalivelab.lab.control;

import dev.keepalivelab.fault.FaultPlanner;
import dev.keepalivelab.fault.FaultSelector;
import dev.keepalivelab.lab.record.LabHistory;
import dev.keepalivelab.settings.ControlAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may drive the lab, as a table: the {@code control} setting's rule on the client's address (IPv4, IPv6, IPv4-mapped,
 * a LAN address; never a header), the Host a browser page could have reached the lab under (DNS rebinding), the Origin
 * of a cross-site page, and the Content-Type a page cannot send without asking first.
 */
class ControlGateTest {
    static final String ARM = "{\"fault\": \"delay=1ms\", \"requests\": 1}";

    /**
     * One request to the control API.
     *
     * @param name     what the row shows
     * @param access   the {@code control} setting
     * @param method   the method ({@code POST} arms {@link #ARM}; {@code GET} lists)
     * @param remote   the client's address as the server gives it
     * @param host     the Host (HTTP/2's :authority); null for none
     * @param headers  other headers
     * @param status   the status it gets
     * @param mentions what the error names
     */
    record Row(String name, ControlAccess access, String method, String remote, String host, Map<String, String> headers, int status,
               List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }

        ControlRequest request() {
            Map<String, String> all = new HashMap<>(headers);
            if (method.equals("POST") && !all.containsKey("Content-Type")) {
                all.put("Content-Type", "application/json");
            }
            all.values().removeIf(String::isEmpty);
            byte[] body = method.equals("POST") ? ARM.getBytes(StandardCharsets.UTF_8) : new byte[0];
            return new ControlRequest(method, "", FaultRoutes.FAULTS, remote, host, false,
                    name -> all.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                            .findFirst().orElse(null), body.length, body);
        }
    }

    static Row loopback(String name, String remote, String host, int status, String... mentions) {
        return new Row(name, ControlAccess.LOOPBACK, "GET", remote, host, Map.of(), status, List.of(mentions));
    }

    static Row post(String name, ControlAccess access, String host, Map<String, String> headers, int status, String... mentions) {
        return new Row(name, access, "POST", "127.0.0.1", host, headers, status, List.of(mentions));
    }

    static Stream<Row> rows() {
        Map<String, String> none = Map.of();
        return Stream.of(
                loopback("IPv4 127.0.0.1", "127.0.0.1", "localhost:8080", 200),
                loopback("IPv4 elsewhere in 127.0.0.0/8", "127.5.6.7", "localhost:8080", 200),
                loopback("IPv6 ::1 as Jetty writes it", "0:0:0:0:0:0:0:1", "localhost:8080", 200),
                loopback("IPv6 ::1 in brackets", "[::1]", "localhost:8080", 200),
                loopback("IPv4-mapped ::ffff:127.0.0.1", "::ffff:127.0.0.1", "localhost:8080", 200),
                loopback("a LAN address, which may be this machine's own", "192.168.1.5", "localhost:8080", 403,
                        "came from 192.168.1.5", "not a loopback address", "set it to on", "--control"),
                loopback("an IPv4-mapped LAN address", "::ffff:192.168.1.5", "localhost:8080", 403, "not a loopback address"),
                loopback("a name, never looked up", "localhost", "localhost:8080", 403, "came from localhost"),
                new Row("X-Forwarded-For is ignored", ControlAccess.LOOPBACK, "GET", "192.168.1.5", "localhost:8080",
                        Map.of("X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1"), 403, List.of("came from 192.168.1.5")),
                loopback("Host localhost without a port", "127.0.0.1", "localhost", 200),
                loopback("Host LOCALHOST in capitals", "127.0.0.1", "LOCALHOST:8080", 200),
                loopback("Host under .localhost", "127.0.0.1", "app.localhost:8080", 200),
                loopback("Host 127.0.0.1", "127.0.0.1", "127.0.0.1:8080", 200),
                loopback("Host 127.1.2.3", "127.0.0.1", "127.1.2.3", 200),
                loopback("Host [::1]", "0:0:0:0:0:0:0:1", "[::1]:8080", 200),
                loopback("Host [::ffff:127.0.0.1]", "127.0.0.1", "[::ffff:127.0.0.1]:8080", 200),
                loopback("Host a foreign name: DNS rebinding", "127.0.0.1", "evil.example:18080", 403,
                        "evil.example:18080", "DNS rebinding", "setting control is loopback", "--control"),
                loopback("Host a name that starts as localhost", "127.0.0.1", "localhost.evil.example", 403, "localhost.evil.example"),
                loopback("Host a name that starts as 127.0.0.1", "127.0.0.1", "127.0.0.1.evil.example", 403, "127.0.0.1.evil.example"),
                loopback("Host localhost. (a fully qualified name)", "127.0.0.1", "localhost.:8080", 200),
                loopback("Host 127.0.0.1. (a trailing dot)", "127.0.0.1", "127.0.0.1.:8080", 200),
                loopback("Host evil.example. with a trailing dot", "127.0.0.1", "evil.example.:8080", 403, "evil.example."),
                loopback("Host a LAN address", "127.0.0.1", "192.168.1.5:8080", 403, "192.168.1.5:8080"),
                loopback("no Host", "127.0.0.1", null, 403, "names no host"),
                new Row("control on: any Host", ControlAccess.ON, "GET", "192.168.1.5", "lab.example:8080", none, 200, List.of()),
                post("Origin of the Host itself", ControlAccess.LOOPBACK, "localhost:8080", Map.of("Origin", "http://localhost:8080"), 201),
                post("Origin with the default port left out", ControlAccess.LOOPBACK, "localhost:80", Map.of("Origin", "http://localhost"),
                        201),
                post("Origin of another site", ControlAccess.LOOPBACK, "localhost:8080", Map.of("Origin", "http://evil.example"), 403,
                        "http://evil.example", "cross-site"),
                post("Origin of another port", ControlAccess.LOOPBACK, "localhost:8080", Map.of("Origin", "http://localhost:3000"), 403,
                        "http://localhost:3000"),
                post("Origin of another scheme", ControlAccess.LOOPBACK, "localhost:8080", Map.of("Origin", "https://localhost:8080"), 403,
                        "https://localhost:8080"),
                post("Origin null (a sandboxed page, a file)", ControlAccess.LOOPBACK, "localhost:8080", Map.of("Origin", "null"), 403,
                        "null"),
                post("Origin of another site, control on", ControlAccess.ON, "lab.example", Map.of("Origin", "http://evil.example"), 403,
                        "cross-site"),
                post("Content-Type with a charset", ControlAccess.LOOPBACK, "localhost", Map.of("Content-Type", "application/json; charset=utf-8"),
                        201),
                post("Content-Type in capitals", ControlAccess.LOOPBACK, "localhost", Map.of("Content-Type", "Application/JSON"), 201),
                post("Content-Type text/plain, what a page sends without asking", ControlAccess.LOOPBACK, "localhost",
                        Map.of("Content-Type", "text/plain"), 415, "text/plain", "application/json"),
                post("Content-Type of a form", ControlAccess.LOOPBACK, "localhost",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"), 415, "application/x-www-form-urlencoded"),
                post("Content-Type that only starts as JSON", ControlAccess.LOOPBACK, "localhost",
                        Map.of("Content-Type", "application/jsonp"), 415, "application/jsonp"),
                post("no Content-Type", ControlAccess.LOOPBACK, "localhost", Map.of("Content-Type", ""), 415, "no Content-Type",
                        "application/json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesWhoMayDriveTheLab(Row row) {
        ControlApi api = new ControlApi(row.access(), new FaultPlanner(Optional.empty(), FaultSelector.ALL, true), new LabHistory(10, true));
        ControlAnswer answer = api.answer(row.request());
        String json = new String(answer.json(), StandardCharsets.UTF_8);
        assertEquals(row.status(), answer.status(), json);
        for (String mention : row.mentions()) {
            assertTrue(json.contains(mention), "names " + mention + ": " + json);
        }
    }
}
