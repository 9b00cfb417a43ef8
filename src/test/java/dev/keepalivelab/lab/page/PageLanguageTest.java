package dev.keepalivelab.lab.page;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which language the page speaks: Accept-Language, weights honoured; English unless Simplified Chinese is preferred. */
class PageLanguageTest {

    @ParameterizedTest(name = "Accept-Language: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            zh                                  | SIMPLIFIED_CHINESE
            zh-CN                               | SIMPLIFIED_CHINESE
            zh-cn                               | SIMPLIFIED_CHINESE
            zh-Hans                             | SIMPLIFIED_CHINESE
            zh-Hans-CN                          | SIMPLIFIED_CHINESE
            zh-SG                               | SIMPLIFIED_CHINESE
            zh-TW                               | ENGLISH
            zh-HK                               | ENGLISH
            zh-Hant                             | ENGLISH
            zhx                                 | ENGLISH
            en                                  | ENGLISH
            en-GB                               | ENGLISH
            fr-FR                               | ENGLISH
            '*'                                 | ENGLISH
            ''                                  | ENGLISH
            'zh-CN,zh;q=0.9,en;q=0.8'           | SIMPLIFIED_CHINESE
            'en-US,en;q=0.9,zh-CN;q=0.8'        | ENGLISH
            'en;q=0.5, zh-CN;q=0.8'             | SIMPLIFIED_CHINESE
            'zh-CN;q=0.5, en;q=0.8'             | ENGLISH
            'fr, zh;q=0.1'                      | SIMPLIFIED_CHINESE
            'fr, de;q=0.9'                      | ENGLISH
            'zh-TW, zh;q=0.2, en;q=0.1'         | SIMPLIFIED_CHINESE
            'zh-CN;q=0'                         | ENGLISH
            'en;q=0, zh-CN;q=0.001'             | SIMPLIFIED_CHINESE
            'en;q=0, *;q=0.5'                   | SIMPLIFIED_CHINESE
            'zh;q=0.9, zh-CN;q=0'               | ENGLISH
            '*;q=0.9, zh-SG;q=0'                | ENGLISH
            'zh-CN;q=0.8, en;q=0.8'             | SIMPLIFIED_CHINESE
            'en;q=0.8, zh-CN;q=0.8'             | ENGLISH
            'zh-CN;Q=1.000'                     | SIMPLIFIED_CHINESE
            'zh-CN;q=2, en;q=0.1'               | ENGLISH
            'zh-CN;q=abc'                       | ENGLISH
            'zh-CN;q=0.5555, en;q=0.1'          | ENGLISH
            'zh-CN ; q=0.7 , en ; q=0.3'        | SIMPLIFIED_CHINESE
            ',,; q=1, zh'                       | SIMPLIFIED_CHINESE
            """)
    void acceptLanguageChoosesThePreferredLanguage(String header, PageLanguage expected) {
        assertEquals(expected, PageLanguage.preferredBy(header));
    }

    @ParameterizedTest(name = "no Accept-Language -> ENGLISH")
    @NullSource
    void withoutAcceptLanguageThePageIsEnglish(String header) {
        assertEquals(PageLanguage.ENGLISH, PageLanguage.preferredBy(header));
    }

    @ParameterizedTest(name = "?lang={0} -> {1}")
    @CsvSource({"en, ENGLISH", "zh-CN, SIMPLIFIED_CHINESE"})
    void langNamesALanguageByItsExactTag(String value, PageLanguage expected) {
        assertEquals(Optional.of(expected), PageLanguage.fromTag(value));
    }

    @ParameterizedTest(name = "?lang={0} is no language")
    @ValueSource(strings = {"", "zh", "zh-cn", "EN", "en-US", "zh-Hans", "fr", " en"})
    void langAcceptsNothingElse(String value) {
        assertEquals(Optional.empty(), PageLanguage.fromTag(value));
    }
}
