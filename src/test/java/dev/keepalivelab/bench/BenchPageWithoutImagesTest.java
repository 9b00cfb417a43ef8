package dev.keepalivelab.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench against a page with no images (the JDK's own HTTP server on loopback): nothing to compare, and the table says so. */
class BenchPageWithoutImagesTest {
    static final byte[] PAGE = "<!DOCTYPE html><html><head><title>no images</title></head><body><p>Text only.</p></body></html>"
            .getBytes(StandardCharsets.UTF_8);

    HttpServer server;

    @BeforeEach
    void servePage() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, PAGE.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(PAGE);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theTableSaysThereIsNothingToCompareInsteadOfASpeedup() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        assertEquals(0, BenchCommand.run(new String[] {"--rounds", "2", "--warmup", "0", "--modes", "keep-alive,close", url},
                new PrintWriter(out, true), new PrintWriter(err, true)), err::toString);
        List<String> lines = out.toString().lines().toList();
        assertEquals("2 page loads per client mode, each the page and no images, at most 6 connections at once, no emulated RTT", lines.get(1));
        assertTrue(lines.get(4).matches("keep-alive +HTTP/1\\.1( +\\d+\\.\\d ms){3} +1\\.00 +1\\.00"), lines.get(4));
        assertTrue(lines.get(5).matches("close +HTTP/1\\.1( +\\d+\\.\\d ms){3} +1\\.00 +1\\.00"), lines.get(5));
        assertEquals("", lines.get(6), "no speedup row: " + out);
        assertEquals(List.of("Page-load times run from the page request to its last byte.", "The page has no images to load, so every mode"
                + " makes one request on one connection: the modes cannot differ, and there is no speedup."), lines.subList(7, 9), out::toString);
        assertEquals("", err.toString());
    }
}
