package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.page.PageLanguage;
import dev.keepalivelab.lab.page.PageText;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence of the card in any of the page's languages: a key of the card's catalogue ({@code reason.KEY} in
 * {@code check-card.TAG.properties}) and what fills its places {@code {0}}, {@code {1}}, ...: what the lab saw (paths,
 * connection labels, numbers) as it is, and other wordings in the same language. The card's JSON speaks English.
 *
 * @param key  the key below {@code reason.}
 * @param args what fills the places, in order
 */
public record Wording(String key, List<Object> args) {
    private static final Map<PageLanguage, PageText> TEXTS = new EnumMap<>(PageLanguage.class);

    static {
        for (PageLanguage language : PageLanguage.values()) {
            TEXTS.put(language, new PageText(CardHtml.CATALOGUE, language));
        }
    }

    static Wording of(String key, Object... args) {
        return new Wording(key, List.of(args));
    }

    /** The catalogue of the card in {@code language}. */
    static PageText text(PageLanguage language) {
        return TEXTS.get(language);
    }

    /** The sentence in English, as the card's JSON writes it. */
    public String english() {
        return in(PageLanguage.ENGLISH);
    }

    /** The sentence in {@code language}, plain text. */
    public String in(PageLanguage language) {
        String template = TEXTS.get(language).get("reason." + key);
        StringBuilder filled = new StringBuilder(template.length() + 64);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i + 1 && template.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                Object arg = args.get(Integer.parseInt(template.substring(i + 1, close)));
                filled.append(arg instanceof Wording wording ? wording.in(language) : String.valueOf(arg));
                i = close;
            } else {
                filled.append(c);
            }
        }
        return filled.toString();
    }
}
