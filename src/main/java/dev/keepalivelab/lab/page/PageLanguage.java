package dev.keepalivelab.lab.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The languages of the demo page, and which one a request prefers. */
public enum PageLanguage {
    ENGLISH("en"),
    SIMPLIFIED_CHINESE("zh-CN");

    public static final String ALLOWED = Arrays.stream(values()).map(PageLanguage::tag).collect(Collectors.joining(", "));
    /** RFC 9110's weight: 0 to 1 with at most three decimals. */
    private static final Pattern WEIGHT = Pattern.compile("(?i)q=(0(?:\\.\\d{0,3})?|1(?:\\.0{0,3})?)");
    private static final String ANY = "*";

    private final String tag;

    PageLanguage(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag: the value of {@code ?lang=} and of {@code <html lang>}. */
    public String tag() {
        return tag;
    }

    /** The language whose tag is exactly {@code value}, as {@code ?lang=} names it. */
    public static Optional<PageLanguage> fromTag(String value) {
        return Arrays.stream(values()).filter(l -> l.tag.equals(value)).findFirst();
    }

    /**
     * The language an {@code Accept-Language} header prefers (RFC 9110, section 12.5.4): each language takes the weight
     * of the most specific range that matches it, or of {@code *}; the highest weight above 0 wins, the range listed
     * first on a tie. English where the header is absent or accepts neither.
     */
    public static PageLanguage preferredBy(String acceptLanguage) {
        if (acceptLanguage == null) {
            return ENGLISH;
        }
        List<Range> ranges = ranges(acceptLanguage);
        return Arrays.stream(values())
                .flatMap(language -> language.weightIn(ranges).stream().map(range -> new Choice(language, range)))
                .filter(choice -> choice.range().thousandths() > 0)
                .min(Comparator.comparingInt((Choice c) -> -c.range().thousandths()).thenComparingInt(c -> c.range().position()))
                .map(Choice::language)
                .orElse(ENGLISH);
    }

    private record Range(String tag, int thousandths, int position) {
    }

    private record Choice(PageLanguage language, Range range) {
    }

    /** The well-formed ranges of the header, lower-cased, in order; an element with a malformed weight is left out. */
    private static List<Range> ranges(String header) {
        List<Range> ranges = new ArrayList<>();
        String[] elements = header.split(",");
        for (int position = 0; position < elements.length; position++) {
            String[] parts = elements[position].split(";");
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            int thousandths = 1000;
            for (int i = 1; i < parts.length && thousandths >= 0; i++) {
                String parameter = parts[i].trim();
                if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                    Matcher weight = WEIGHT.matcher(parameter);
                    thousandths = weight.matches() ? (int) Math.round(Double.parseDouble(weight.group(1)) * 1000) : -1;
                }
            }
            if (!tag.isEmpty() && thousandths >= 0) {
                ranges.add(new Range(tag, thousandths, position));
            }
        }
        return ranges;
    }

    /** The range that decides this language's weight: the longest that matches it, else {@code *}. */
    private Optional<Range> weightIn(List<Range> ranges) {
        Optional<Range> specific = ranges.stream().filter(r -> matches(r.tag()))
                .max(Comparator.comparingInt((Range r) -> r.tag().length()).thenComparingInt(r -> -r.position()));
        return specific.isPresent() ? specific : ranges.stream().filter(r -> r.tag().equals(ANY)).findFirst();
    }

    /** Whether a lower-cased language range asks for this language: Simplified Chinese is zh, zh-Hans, zh-CN or zh-SG. */
    private boolean matches(String range) {
        return switch (this) {
            case ENGLISH -> range.equals("en") || range.startsWith("en-");
            case SIMPLIFIED_CHINESE -> range.equals("zh") || Stream.of("zh-hans", "zh-cn", "zh-sg")
                    .anyMatch(chinese -> range.equals(chinese) || range.startsWith(chinese + "-"));
        };
    }
}
