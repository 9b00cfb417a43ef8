package dev.keepalivelab.bench;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The images a page asks a browser to load from the page's own host: the {@code src} of its {@code <img>}
 * elements, resolved against the page URL (and its {@code <base>}), each distinct URL once, in document order.
 *
 * @param sameOrigin  the images the bench loads
 * @param skipped     how many images the bench skips: on another host, not http, or not a valid URL
 * @param inline      how many images are {@code data:} URIs, which carry their bytes in the page and need no request
 */
record ImageLinks(List<URI> sameOrigin, int skipped, int inline) {

    static ImageLinks in(byte[] html, String charset, URI page) {
        org.jsoup.nodes.Document document;
        try {
            document = Jsoup.parse(new ByteArrayInputStream(html), charset, page.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // Parsing bytes in memory does no I/O.
        }
        Set<URI> found = new LinkedHashSet<>();
        int skipped = 0;
        int inline = 0;
        for (Element img : document.select("img[src]")) {
            if (isDataUri(img.attr("src"))) {
                inline++;
                continue;
            }
            URI image = resolve(img.absUrl("src"));
            if (image != null && sameOrigin(image, page)) {
                found.add(image);
            } else {
                skipped++;
            }
        }
        return new ImageLinks(new ArrayList<>(found), skipped, inline);
    }

    private static boolean isDataUri(String src) {
        return src.strip().regionMatches(true, 0, "data:", 0, "data:".length());
    }

    private static URI resolve(String absolute) {
        if (absolute.isEmpty()) {
            return null;
        }
        int fragment = absolute.indexOf('#');
        try {
            return new URI(fragment < 0 ? absolute : absolute.substring(0, fragment));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return scheme(a).equals(scheme(b)) && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : scheme(uri).equals("https") ? 443 : 80;
    }
}
