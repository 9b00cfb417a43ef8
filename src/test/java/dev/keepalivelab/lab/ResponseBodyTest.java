package dev.keepalivelab.lab;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Any range of a body, copied or written, is that range of its bytes: where a truncate or a drip cuts, it cuts the same. */
class ResponseBodyTest {
    private static final byte[] JOINED = "<a>42<bc>42<>42d".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aSplicedBodyIsItsSegmentsWithTheInsertBetweenEachTwo() {
        ResponseBody spliced = spliced();
        assertEquals(JOINED.length, spliced.length());
        assertArrayEquals(JOINED, spliced.toByteArray());
    }

    @Test
    void everyRangeOfEitherBodyIsThatRangeOfItsBytes() throws Exception {
        for (ResponseBody body : new ResponseBody[] {spliced(), new ResponseBody.Bytes(JOINED)}) {
            for (int from = 0; from <= JOINED.length; from++) {
                for (int to = from; to <= JOINED.length; to++) {
                    byte[] expected = Arrays.copyOfRange(JOINED, from, to);
                    ByteBuffer copied = ByteBuffer.allocate(to - from);
                    body.copy(from, to, copied);
                    assertArrayEquals(expected, copied.array(), body + " copied from " + from + " to " + to);
                    ByteArrayOutputStream written = new ByteArrayOutputStream();
                    body.write(from, to, written);
                    assertArrayEquals(expected, written.toByteArray(), body + " written from " + from + " to " + to);
                }
            }
        }
    }

    private static ResponseBody spliced() {
        byte[][] segments = {bytes("<a>"), bytes("<bc>"), bytes("<>"), bytes("d")};
        return new ResponseBody.Spliced(segments, bytes("42"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
