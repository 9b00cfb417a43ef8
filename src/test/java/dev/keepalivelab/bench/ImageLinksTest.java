package dev.keepalivelab.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageLinksTest {
    static ImageLinks linksIn(String html, String page) {
        return ImageLinks.in(html.getBytes(StandardCharsets.UTF_8), "UTF-8", URI.create(page));
    }

    @Test
    void findsEachSameOriginImageOnceInDocumentOrderResolvedAgainstThePage() {
        ImageLinks links = linksIn("""
                <!DOCTYPE html><title>t</title>
                <img src="test1.jpg?load=7&amp;connection=close" alt="">
                <p><IMG SRC='/img/b.png'></p>
                <img src=c.gif>
                <img src="test1.jpg?load=7&amp;connection=close#again">
                <img src="http://LOCALHOST:8080/d.jpg">
                <img alt="no source">
                """, "http://localhost:8080/dir/page.html");
        assertEquals(List.of(URI.create("http://localhost:8080/dir/test1.jpg?load=7&connection=close"),
                URI.create("http://localhost:8080/img/b.png"), URI.create("http://localhost:8080/dir/c.gif"),
                URI.create("http://LOCALHOST:8080/d.jpg")), links.sameOrigin());
        assertEquals(0, links.skipped());
    }

    @Test
    void skipsImagesOnOtherHostsOtherPortsAndOtherSchemes() {
        ImageLinks links = linksIn("""
                <img src="http://cdn.example.test/a.jpg"><img src="http://localhost:9090/b.jpg">
                <img src="https://localhost:8080/c.jpg"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                <img src="own.jpg">
                """, "http://localhost:8080/");
        assertEquals(List.of(URI.create("http://localhost:8080/own.jpg")), links.sameOrigin());
        assertEquals(3, links.skipped());
        assertEquals(1, links.inline());
    }

    @Test
    void countsDataUrisAsInlineImagesNotAsImagesOnOtherHosts() {
        ImageLinks links = linksIn("""
                <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><img src="DATA:image/png;base64,iVBORw0KGgo=">
                <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                """, "http://localhost:8080/");
        assertEquals(List.of(), links.sameOrigin());
        assertEquals(0, links.skipped());
        assertEquals(3, links.inline(), "each inline image counts, the same one twice included");
    }

    @Test
    void honoursTheBaseElement() {
        ImageLinks links = linksIn("<base href=\"/static/\"><img src=\"x.jpg\">", "http://localhost/a/b");
        assertEquals(List.of(URI.create("http://localhost/static/x.jpg")), links.sameOrigin());
    }
}
