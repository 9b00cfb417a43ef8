package dev.keepalivelab.server.socket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@link ResponseBytes} counts as a response's body, write by write, as Jetty's HTTP/1 generator writes. */
class ResponseBytesTest {
    static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
    static final String HEAD = "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 5\r\n\r\n";
    static final String BODY = "large";

    /** A row: its name, the writes (each a list of buffers) and the body bytes counted. */
    record Case(String name, List<List<String>> writes, long body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("head and body in one write", List.of(List.of(HEAD, BODY)), BODY.length()),
                new Case("head, then body", List.of(List.of(HEAD), List.of(BODY)), BODY.length()),
                new Case("100 Continue alone, then the response", List.of(List.of(CONTINUE), List.of(HEAD, BODY)), BODY.length()),
                new Case("100 Continue gathered with the response", List.of(List.of(CONTINUE, HEAD, BODY)), BODY.length()),
                new Case("a head alone (HEAD, or an empty body)", List.of(List.of(HEAD)), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsTheBodyAlone(Case row) throws IOException {
        ResponseBytes bytes = new ResponseBytes();
        for (List<String> write : row.writes()) {
            ByteBuffer[] buffers = write.stream().map(text -> ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)))
                    .toArray(ByteBuffer[]::new);
            bytes.beforeWrite(buffers);
            bytes.flush(buffers, all -> {
                Arrays.stream(all).forEach(buffer -> buffer.position(buffer.limit()));
                return true;
            });
        }
        assertEquals(row.body(), bytes.takeBody());
        assertEquals(0, bytes.takeBody(), "counted once");
    }
}
