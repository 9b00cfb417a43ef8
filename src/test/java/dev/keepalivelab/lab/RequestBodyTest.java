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

    @ParameterizedTest(name = "{0} {1} {2}, Content-Length {3}, Transfer-Encoding {4}, Expect {5}: reads {6}")
    @CsvSource(nullValues = "none", value = {
            "POST, /submit,    HTTP/1.1, none,   none,    none,         1048576",
            "PUT,  /submit,    HTTP/2.0, 5,      none,    100-continue, 1048576",
            "GET,  /test1.jpg, HTTP/1.1, none,   none,    none,         0",
            "GET,  /test1.jpg, HTTP/1.1, 0,      none,    none,         0",
            "GET,  /test1.jpg, HTTP/1.1, 5,      none,    none,         65536",
            "GET,  /test1.jpg, HTTP/1.0, 5,      none,    none,         65536",
            "POST, /,          HTTP/1.1, 100000, none,    none,         65536",
            "POST, /test1.jpg, HTTP/1.1, none,   chunked, none,         65536",
            "GET,  /test1.jpg, HTTP/1.1, 5,      none,    100-Continue, 0",
            "POST, /test1.jpg, HTTP/2.0, 5,      none,    none,         0"})
    void theServingPathReadsSubmitsAndSmallHttp1BodiesNotAskedForAfterExpect(String method, String path, String protocol,
                                                                            String contentLength, String transferEncoding,
                                                                            String expect, long limit) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Length", contentLength);
        headers.put("Transfer-Encoding", transferEncoding);
        headers.put("Expect", expect);
        assertEquals(limit, RequestBody.readLimit(method, path, protocol, headers::get));
    }
}
