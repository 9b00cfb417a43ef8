package dev.keepalivelab.lab.page;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the demo page says in one language, outside its script: a catalogue of HTML snippets by key. */
final class PageText {
    /** Where the template takes a snippet: {@code {{t.intro}}}. */
    static final Pattern PLACE = Pattern.compile("\\{\\{t\\.([A-Za-z]+)}}");

    private final PageLanguage language;
    private final Properties snippets = new Properties();

    PageText(PageLanguage language) {
        this.language = language;
        try {
            snippets.load(new StringReader(LabContent.readText(catalogue(language))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + catalogue(language), e);
        }
    }

    static String catalogue(PageLanguage language) {
        return "/dev/keepalivelab/demo-page." + language.tag() + ".properties";
    }

    Set<String> keys() {
        return snippets.stringPropertyNames();
    }

    /** The snippet {@code key}; a key the catalogue lacks fails at start, not on a visitor's page. */
    String get(String key) {
        String snippet = snippets.getProperty(key);
        if (snippet == null) {
            throw new IllegalStateException(catalogue(language) + " has no " + key);
        }
        return snippet;
    }

    /** {@code template} with every {@code {{t.key}}} replaced by its snippet. */
    String fill(String template) {
        Matcher place = PLACE.matcher(template);
        StringBuilder filled = new StringBuilder(template.length() * 2);
        while (place.find()) {
            place.appendReplacement(filled, Matcher.quoteReplacement(get(place.group(1))));
        }
        return place.appendTail(filled).toString();
    }
}
