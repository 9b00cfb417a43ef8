package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.page.PageLanguage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The card says everything in each language: the same keys, and each reason with the same places to fill. */
class WordingTest {
    private static final Pattern PLACE = Pattern.compile("\\{(\\d+)}");

    private static Properties catalogue(PageLanguage language) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(dev.keepalivelab.lab.page.LabContent.readText(
                "/dev/keepalivelab/" + CardHtml.CATALOGUE + "." + language.tag() + ".properties")));
        return properties;
    }

    private static Set<String> places(String template) {
        Set<String> places = new TreeSet<>();
        Matcher place = PLACE.matcher(template);
        while (place.find()) {
            places.add(place.group(1));
        }
        return places;
    }

    @Test
    void everyLanguageHasEveryKeyWithTheSamePlaces() throws IOException {
        Properties english = catalogue(PageLanguage.ENGLISH);
        for (PageLanguage language : PageLanguage.values()) {
            Properties other = catalogue(language);
            assertEquals(english.stringPropertyNames(), other.stringPropertyNames(), language.tag());
            for (String key : english.stringPropertyNames()) {
                assertEquals(places(english.getProperty(key)), places(other.getProperty(key)), language.tag() + " " + key);
            }
        }
    }

    @Test
    void aWordingFillsItsPlacesWithWhatTheLabSawAndOtherWordingsInTheSameLanguage() {
        Verdict verdict = Verdict.notApplicable("reuse.not-kept", Wording.of("not-kept", "c3", "/check/r1/reuse/1", "closed/max-requests"));
        assertEquals("not applicable: c3 closed after /check/r1/reuse/1 (closed/max-requests), so there was nothing to reuse",
                verdict.reason());
        assertEquals("不适用：c3 在 /check/r1/reuse/1 之后关闭（closed/max-requests），因此没有可复用的连接",
                verdict.reason(PageLanguage.SIMPLIFIED_CHINESE));
    }

    @Test
    void whatAnHttp2ClientMetIsWordedInTheCardsLanguage() {
        Verdict verdict = Verdict.notApplicable("other-protocol", "HTTP/1.1", RetryUnprocessed.GOAWAY_RETRY.signal());
        assertEquals("not applicable: the client spoke HTTP/1.1, which has no GOAWAY below its stream", verdict.reason());
        assertEquals("不适用：客户端使用 HTTP/1.1，该协议没有 低于其流编号的 GOAWAY", verdict.reason(PageLanguage.SIMPLIFIED_CHINESE));
    }
}
