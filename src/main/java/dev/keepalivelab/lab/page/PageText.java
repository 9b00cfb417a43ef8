package dev.keepalivelab.lab.page;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a page of the lab says in one language, outside its script: a catalogue of HTML snippets by key (the demo page's,
 * or the check card's).
 */
public final class PageText {
    /** Where the template takes a snippet: {@code {{t.intro}}}. */
    static final Pattern PLACE = Pattern.compile("\\{\\{t\\.([A-Za-z]+)}}");

    static final String DEMO_PAGE = "demo-page";

    private final String catalogue;
    private final Properties snippets = new Properties();

    PageText(PageLanguage language) {
        this(DEMO_PAGE, language);
    }

    /** The catalogue {@code name} (e.g. {@code check-card}) in {@code language}, from {@code /dev/keepalivelab/NAME.TAG.properties}. */
    public PageText(String name, PageLanguage language) {
        this.catalogue = catalogue(name, language);
        try {
            snippets.load(new StringReader(LabContent.readText(catalogue)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + catalogue, e);
        }
    }

    static String catalogue(PageLanguage language) {
        return catalogue(DEMO_PAGE, language);
    }

    private static String catalogue(String name, PageLanguage language) {
        return "/dev/keepalivelab/" + name + "." + language.tag() + ".properties";
    }

    Set<String> keys() {
        return snippets.stringPropertyNames();
    }

    /** The snippet {@code key}; a key the catalogue lacks fails at start, not on a visitor's page. */
    public String get(String key) {
        String snippet = snippets.getProperty(key);
        if (snippet == null) {
            throw new IllegalStateException(catalogue + " has no " + key);
        }
        return snippet;
    }

    /** {@code template} with every {@code {{t.key}}} replaced by its snippet. */
    public String fill(String template) {
        Matcher place = PLACE.matcher(template);
        StringBuilder filled = new StringBuilder(template.length() * 2);
        while (place.find()) {
            place.appendReplacement(filled, Matcher.quoteReplacement(get(place.group(1))));
        }
        return place.appendTail(filled).toString();
    }
}
