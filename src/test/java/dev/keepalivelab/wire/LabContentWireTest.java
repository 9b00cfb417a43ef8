package dev.keepalivelab.wire;

import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the lab serves, byte for byte: the page, the images, and nothing else. */
class LabContentWireTest {
    static final Path SHIPPED_PICTURE = Path.of("src/main/resources/dev/keepalivelab/picture.jpg");
    static final List<String> SEED_ORDER = List.of(
            "test1.jpg", "test2.jpg", "test3.jpg", "test4.jpg", "test5.jpg", "test6.jpg", "test7.jpg",
            "test11.jpg", "test12.jpg", "test13.jpg", "test14.jpg", "test15.jpg", "test16.jpg", "test17.jpg",
            "test111.jpg", "test112.jpg", "test113.jpg", "test114.jpg", "test115.jpg", "test116.jpg");

    static TestLab lab;

    @BeforeAll
    static void startLab() throws Exception {
        lab = TestLab.start(Map.of());
    }

    @AfterAll
    static void stopLab() throws Exception {
        lab.close();
    }

    @Test
    void everyImageIsTheShippedJpegFromOneKeptConnection() throws Exception {
        byte[] shipped = Files.readAllBytes(SHIPPED_PICTURE);
        try (RawConnection connection = lab.connect()) {
            for (String name : SEED_ORDER) {
                RawResponse response = connection.get("/" + name);
                assertEquals(200, response.status(), name);
                assertEquals(Optional.of("image/jpeg"), response.header("Content-Type"), name);
                assertEquals(Optional.of(Integer.toString(shipped.length)), response.header("Content-Length"), name);
                assertArrayEquals(shipped, response.body(), name);
            }
        }
    }

    @Test
    void theShippedPictureIsARealJpegOfTwentyToSixtyKilobytes() throws Exception {
        byte[] shipped = Files.readAllBytes(SHIPPED_PICTURE);
        assertTrue(shipped.length >= 20_000 && shipped.length <= 60_000, shipped.length + " bytes");
        assertNotNull(ImageIO.read(new ByteArrayInputStream(shipped)), "ImageIO cannot decode the picture");
    }

    @Test
    void thePageIsHtml5WithTheSeedImagesInOrderByRelativeUrl() throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse page = connection.get("/");
            assertEquals(200, page.status());
            assertEquals(Optional.of("text/html;charset=utf-8"), page.header("Content-Type"));
            assertEquals(Optional.of(Integer.toString(page.body().length)), page.header("Content-Length"));
            String html = page.bodyText();
            assertTrue(html.startsWith("<!DOCTYPE html>"), "HTML5 doctype");
            assertTrue(html.contains("<html lang=\"en\">") && html.contains("<meta charset=\"utf-8\">") && html.contains("<title>"));
            List<String> sources = new ArrayList<>();
            Matcher img = Pattern.compile("<img src=\"([^\"?]*)\\?load=\\d+\"").matcher(html);
            while (img.find()) {
                sources.add(img.group(1));
            }
            assertEquals(SEED_ORDER, sources, "relative image URLs in the seed's order");
        }
    }

    @Test
    void thePageShowsTheActiveSettingsEscaped() throws Exception {
        Map<String, String> params = Map.of("connection", "close", "maxRequestsPerConnection", "7",
                "keepAliveTimeout", "1500ms", "cacheControl", "private, max-age=\"<5>\"");
        try (TestLab configured = TestLab.start(params); RawConnection connection = configured.connect()) {
            String html = connection.get("/").bodyText();
            assertTrue(html.contains("<code>connection</code></th><td><code>close</code>"), html);
            assertTrue(html.contains("<code>maxRequestsPerConnection</code></th><td><code>7</code>"), html);
            assertTrue(html.contains("<code>keepAliveTimeout</code></th><td><code>1500ms</code>"), html);
            assertTrue(html.contains("private, max-age=&quot;&lt;5&gt;&quot;"), "escaped cacheControl");
        }
    }

    @Test
    void headSendsTheHeadersOfGetAndNoBody() throws Exception {
        try (RawConnection connection = lab.connect()) {
            for (String path : List.of("/", "/test7.jpg")) {
                RawResponse get = connection.get(path);
                RawResponse head = connection.exchange("HEAD", path, "HTTP/1.1");
                assertEquals(200, head.status());
                assertEquals(get.header("Content-Type"), head.header("Content-Type"), path);
                assertEquals(get.header("Content-Length"), head.header("Content-Length"), path);
                assertEquals(0, head.body().length);
            }
            // Had HEAD sent a body, this response would be parsed out of those bytes and fail.
            assertEquals(200, connection.get("/test1.jpg").status());
        }
    }

    @ParameterizedTest(name = "GET {0} is 404")
    @ValueSource(strings = {"/test8.jpg", "/test1.jpeg", "/TEST1.jpg", "/index.html", "/test1.jpg/", "/WEB-INF/web.xml",
            "/dev/keepalivelab/picture.jpg", "/test1.jpg;x=1", "/%74est1.jpg", "/favicon.ico"})
    void anyOtherPathIsNotFound(String path) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse response = connection.get(path);
            assertEquals(404, response.status(), path);
            assertEquals(Optional.of("text/plain;charset=utf-8"), response.header("Content-Type"));
        }
    }

    @Test
    void queryStringsDoNotChangeWhatIsServed() throws Exception {
        try (RawConnection connection = lab.connect()) {
            assertArrayEquals(Files.readAllBytes(SHIPPED_PICTURE), connection.get("/test1.jpg?reload=1").body());
        }
    }

    @ParameterizedTest(name = "{0} is 405 with Allow")
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"})
    void otherMethodsAreNotAllowed(String method) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse response = connection.exchange(method, "/test1.jpg", "HTTP/1.1", "Content-Length: 0");
            assertEquals(405, response.status(), method);
            assertEquals(Optional.of("GET, HEAD"), response.header("Allow"));
        }
    }

    @Test
    void cacheControlDefaultsToNoStoreOnPageAndImages() throws Exception {
        try (RawConnection connection = lab.connect()) {
            assertEquals(Optional.of("no-store"), connection.get("/").header("Cache-Control"));
            assertEquals(Optional.of("no-store"), connection.get("/test1.jpg").header("Cache-Control"));
        }
    }

    @ParameterizedTest(name = "cacheControl=\"{0}\"")
    @CsvSource(value = {"'', ", "'max-age=60, public', 'max-age=60, public'"}, quoteCharacter = '\'')
    void cacheControlIsConfigurableOrAbsent(String value, String expected) throws Exception {
        try (TestLab configured = TestLab.start(Map.of("cacheControl", value)); RawConnection connection = configured.connect()) {
            assertEquals(Optional.ofNullable(expected), connection.get("/test1.jpg").header("Cache-Control"));
            assertEquals(Optional.ofNullable(expected), connection.get("/").header("Cache-Control"));
        }
    }

    /** The lab's own responses, and Jetty's errors before the servlet (the last two), all carry the same safe headers. */
    @ParameterizedTest(name = "{0} {1}: nosniff, no Server, no X-Powered-By")
    @CsvSource({"GET, /", "HEAD, /", "GET, /test1.jpg", "GET, /connections", "GET, /nothing-here", "BREW, /",
            "GET, /?connection=sometimes", "GET, //test1.jpg", "GET, /test1.jpg?%zz"})
    void everyResponseCarriesNosniffAndNoServerVersion(String method, String path) throws Exception {
        try (RawConnection connection = lab.connect()) {
            RawResponse response = connection.exchange(method, path, "HTTP/1.1");
            assertEquals(Optional.of("nosniff"), response.header("X-Content-Type-Options"), response.toString());
            assertFalse(response.hasHeader("Server"), response.toString());
            assertFalse(response.hasHeader("X-Powered-By"), response.toString());
        }
    }
}
