package dev.keepalivelab.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One request to the lab's control API over a raw HTTP/1.1 connection, and its JSON answer. */
public final class ControlCall {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlCall() {
    }

    /** Sends {@code method path} with {@code body} (null for none; a POST says JSON all the same) on {@code connection} and reads the answer. */
    public static RawResponse send(RawConnection connection, String method, String path, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (body == null && !method.equals("POST") ? "" : "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n")
                + "\r\n";
        connection.send(head + new String(bytes, StandardCharsets.ISO_8859_1));
        return connection.readResponse(method.equals("HEAD"));
    }

    /** Sends on a connection of its own, which the lab's record check does not follow. */
    public static RawResponse send(TestLab lab, String method, String path, String body) throws IOException {
        try (RawConnection connection = RawConnection.open(lab.port())) {
            return send(connection, method, path, body);
        }
    }

    /** The answer's JSON, after checking it is JSON that is not cached. */
    public static JsonNode json(RawResponse response) throws IOException {
        assertEquals(Optional.of("application/json"), response.header("Content-Type"), response.toString());
        assertEquals(Optional.of("no-store"), response.header("Cache-Control"), response.toString());
        return JSON.readTree(response.body());
    }

    /** Arms {@code body} and returns the armed fault, checking the 201. */
    public static JsonNode arm(TestLab lab, String body) throws IOException {
        RawResponse response = send(lab, "POST", "/control/faults", body);
        assertEquals(201, response.status(), response.toString());
        return json(response);
    }
}
