package dev.keepalivelab.lab;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestBodyTest {
    @ParameterizedTest(name = "Content-Length {0}, Transfer-Encoding {1}: a body follows = {2}")
    @CsvSource(nullValues = "none", value = {"none, none, false", "0, none, false", "' 0 ', none, false", "5, none, true",
            "none, chunked, true", "0, chunked, true", "x, none, true"})
    void aRequestHeadSaysWhetherABodyFollows(String contentLength, String transferEncoding, boolean body) {
        assertEquals(body, RequestBody.announced(contentLength, transferEncoding));
    }

    @ParameterizedTest(name = "{0} {1}, Content-Length {2}, Transfer-Encoding {3}, Expect {4}: reads {5}")
    @CsvSource(nullValues = "none", value = {
            "POST, /submit,     none,   none,    none,         1048576",
            "PUT,  /submit,     5,      none,    100-continue, 1048576",
            "GET,  /test1.jpg,  none,   none,    none,         0",
            "GET,  /test1.jpg,  0,      none,    none,         0",
            "GET,  /test1.jpg,  5,      none,    none,         65536",
            "POST, /,           100000, none,    none,         65536",
            "POST, /test1.jpg,  none,   chunked, none,         65536",
            "GET,  /test1.jpg,  5,      none,    100-Continue, 0"})
    void theServingPathReadsSubmitsAndSmallBodiesNotAskedForAfterExpect(String method, String path, String contentLength,
                                                                        String transferEncoding, String expect, long limit) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Length", contentLength);
        headers.put("Transfer-Encoding", transferEncoding);
        headers.put("Expect", expect);
        assertEquals(limit, RequestBody.readLimit(method, path, headers::get));
    }
}
