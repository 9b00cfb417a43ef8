package dev.keepalivelab.lab.page;

import dev.keepalivelab.settings.ConnectionPolicy;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The page's links to itself and to its images, and the query parameters they carry. */
public final class PageLinks {
    public static final String CONNECTION = "connection";
    public static final String LANG = "lang";
    public static final String LOAD = "load";

    private PageLinks() {
    }

    /** The query to carry into the page's image URLs, e.g. {@code ?load=17&connection=close}. */
    static String imageQuery(String load, Optional<ConnectionPolicy> override) {
        return "?" + LOAD + "=" + load + override.map(p -> "&" + CONNECTION + "=" + p.value()).orElse("");
    }

    /** A link to the page itself under {@code override} and in {@code language}, e.g. {@code ./?connection=close&lang=en}. */
    static String pageLink(Optional<ConnectionPolicy> override, Optional<PageLanguage> language) {
        String query = Stream.concat(override.map(p -> CONNECTION + "=" + p.value()).stream(),
                language.map(l -> LANG + "=" + l.tag()).stream()).collect(Collectors.joining("&"));
        return query.isEmpty() ? "./" : "./?" + query;
    }
}
