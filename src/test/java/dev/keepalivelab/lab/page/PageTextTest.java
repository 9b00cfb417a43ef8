package dev.keepalivelab.lab.page;

import dev.keepalivelab.settings.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every language says everything the page says: the same keys, each one the template or DemoPage uses. */
class PageTextTest {
    /** The snippets DemoPage asks for by name; the rest are {@code {{t.key}}} places in the template. */
    static final Set<String> USED_BY_DEMO_PAGE = Set.of("overridesOff", "reloadWith", "configuredPolicy", "none", "languageName");

    static Set<String> templateKeys() {
        Set<String> keys = new TreeSet<>();
        Matcher place = PageText.PLACE.matcher(LabContent.readText(DemoPage.TEMPLATE));
        while (place.find()) {
            keys.add(place.group(1));
        }
        return keys;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PageLanguage.class)
    void eachCatalogueHoldsExactlyTheSnippetsThePageUses(PageLanguage language) {
        Set<String> used = new TreeSet<>(templateKeys());
        used.addAll(USED_BY_DEMO_PAGE);
        assertEquals(used, new TreeSet<>(new PageText(language).keys()), PageText.catalogue(language));
    }

    @Test
    void theTemplateHasNoEnglishLeftOutsideItsPlaces() {
        String text = LabContent.readText(DemoPage.TEMPLATE).replaceAll("(?s)<[^>]*>|\\{\\{[^}]*}}", "").strip();
        assertEquals("keepalive-lab", text, "every word a visitor reads comes from a catalogue");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Setting.class)
    void everySettingIsDescribedInChinese(Setting setting) {
        String chinese = setting.chineseDescription();
        assertTrue(chinese.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), chinese);
        assertFalse(chinese.equals(setting.description()));
        assertEquals(setting.description(), DemoPage.describe(setting, PageLanguage.ENGLISH));
        assertEquals(chinese, DemoPage.describe(setting, PageLanguage.SIMPLIFIED_CHINESE));
    }
}
