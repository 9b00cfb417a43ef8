package dev.keepalivelab.wire;

import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RawResponse;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page in English or Simplified Chinese: Accept-Language chooses, ?lang= overrides and sticks to the page's links. */
class PageLanguageWireTest {
    static final String CHINESE_HEADING = "<h2>连接图</h2>";
    static final String ENGLISH_HEADING = "<h2>Connection map</h2>";

    static TestLab lab;

    @BeforeAll
    static void startLab() throws Exception {
        lab = TestLab.start(Map.of());
    }

    @AfterAll
    static void stopLab() throws Exception {
        lab.close();
    }

    RawResponse page(String path, String... headerLines) throws Exception {
        try (RawConnection connection = lab.connect()) {
            return connection.get(path, headerLines);
        }
    }

    @ParameterizedTest(name = "{0} with Accept-Language: {1} -> <html lang=\"{2}\">")
    @CsvSource(delimiter = '|', textBlock = """
            /                  | zh-CN,zh;q=0.9,en;q=0.8 | zh-CN
            /                  | en-US,en;q=0.9          | en
            /                  | zh-TW                   | en
            /?lang=en          | zh-CN                   | en
            /?lang=zh-CN       | en-US                   | zh-CN
            /?connection=close | zh-SG                   | zh-CN
            """)
    void acceptLanguageChoosesAndLangOverrides(String path, String acceptLanguage, String lang) throws Exception {
        RawResponse page = page(path, "Accept-Language: " + acceptLanguage);
        assertEquals(200, page.status());
        String html = page.bodyText();
        assertTrue(html.contains("<html lang=\"" + lang + "\">"), html);
        assertTrue(html.contains(lang.equals("en") ? ENGLISH_HEADING : CHINESE_HEADING), html);
        assertEquals(Optional.of("Accept-Language"), page.header("Vary"));
    }

    @Test
    void withoutAcceptLanguageThePageIsEnglishAndStillVaries() throws Exception {
        RawResponse page = page("/");
        assertTrue(page.bodyText().contains("<html lang=\"en\">") && page.bodyText().contains(ENGLISH_HEADING), page.bodyText());
        assertEquals(Optional.of("Accept-Language"), page.header("Vary"));
        assertFalse(page(("/test1.jpg")).hasHeader("Vary"), "an image is the same in every language");
    }

    @Test
    void theChinesePageDescribesEverySettingInChinese() throws Exception {
        String html = page("/?lang=zh-CN").bodyText();
        for (Setting setting : Setting.inScope(Setting.Scope.SERVLET)) {
            assertTrue(html.contains(setting.chineseDescription().replace("<", "&lt;").replace(">", "&gt;")), setting.name());
            assertFalse(html.contains(setting.description()), setting.name() + " in English on the Chinese page");
        }
        assertTrue(html.contains("<td>（无）</td>"), "an empty value, in Chinese");
        assertTrue(html.contains("长连接") && html.contains("短连接") && html.contains("三次握手"), "the seed article's terms");
    }

    /** A chosen language sticks to every link of the page; a language Accept-Language chose leaves the links to it. */
    @ParameterizedTest(name = "{0}: links {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /?lang=zh-CN               | './?lang=en ./?connection=close&amp;lang=zh-CN ./?connection=default&amp;lang=zh-CN ./?lang=zh-CN ./check?lang=zh-CN'
            /?connection=close&lang=en | './?connection=close&amp;lang=zh-CN ./?connection=keep-alive&amp;lang=en ./?connection=default&amp;lang=en ./?lang=en ./check?lang=en'
            /?connection=close         | './?connection=close&amp;lang=zh-CN ./?connection=keep-alive ./?connection=default ./ ./check'
            """)
    void thePageCarriesAChosenLanguageIntoItsLinks(String path, String links) throws Exception {
        List<String> hrefs = new ArrayList<>();
        Matcher href = Pattern.compile("<a href=\"([^\"]*)\"").matcher(page(path, "Accept-Language: en").bodyText());
        while (href.find()) {
            hrefs.add(href.group(1));
        }
        assertEquals(List.of(links.split(" ")), hrefs);
    }

    @ParameterizedTest(name = "?lang={0} is a 400 naming lang and its values")
    @ValueSource(strings = {"fr", "zh", "EN", "", "zh-cn"})
    void anUnknownLanguageIsABadRequest(String value) throws Exception {
        RawResponse response = page("/?lang=" + value);
        assertEquals(400, response.status());
        assertEquals("Invalid query parameter lang: allowed are en, zh-CN.\n", response.bodyText());
    }

    @Test
    void aRepeatedLangIsABadRequest() throws Exception {
        RawResponse response = page("/?lang=en&lang=zh-CN");
        assertEquals(400, response.status());
        assertEquals("Query parameter lang given 2 times: give it once.\n", response.bodyText());
    }
}
