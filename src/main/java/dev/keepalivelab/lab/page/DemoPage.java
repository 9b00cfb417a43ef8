package dev.keepalivelab.lab.page;

import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.Setting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The demo page, in English and Simplified Chinese. Everything but the load id is rendered once per {@link Variant},
 * when first asked for; each page load is those bytes around its own load id, which its image URLs carry.
 */
public final class DemoPage {
    static final String TEMPLATE = "/dev/keepalivelab/demo-page.html";
    static final String STYLE = "/dev/keepalivelab/demo-page.css";
    static final String SCRIPT = "/dev/keepalivelab/demo-page.js";
    private static final String LOAD_PLACEHOLDER = "{{load}}";

    private final List<String> imageNames;
    private final LabSettings settings;
    private final Listeners listeners;
    private final String template;
    private final String style;
    private final String script;
    private final Map<PageLanguage, PageText> texts = new EnumMap<>(PageLanguage.class);
    private final Map<PageLanguage, String> translated = new ConcurrentHashMap<>();
    private final Map<Variant, byte[][]> variants = new ConcurrentHashMap<>();
    private volatile String contentSecurityPolicy;

    /**
     * What tells one rendering of the page from another: its language, whether its links carry {@code ?lang=} (they do
     * when the visitor chose it there; otherwise Accept-Language goes on choosing), and the policy override.
     */
    private record Variant(PageLanguage language, boolean linksCarryLanguage, Optional<ConnectionPolicy> override) {
        Optional<PageLanguage> languageInLinks() {
            return linksCarryLanguage ? Optional.of(language) : Optional.empty();
        }
    }

    public DemoPage(LabSettings settings, List<String> imageNames) {
        this(settings, imageNames, Listeners.NONE);
    }

    /**
     * The page, linking the HTTPS {@code listeners} where the server has any. Each variant is rendered when first asked
     * for, not here: a start renders none of the sixteen (it made them twice, with and without the listeners, before
     * the first image could be served).
     */
    public DemoPage(LabSettings settings, List<String> imageNames, Listeners listeners) {
        this.settings = settings;
        this.imageNames = imageNames;
        this.listeners = listeners;
        this.style = LabContent.readText(STYLE);
        this.script = LabContent.readText(SCRIPT);
        this.template = LabContent.readText(TEMPLATE);
        Arrays.stream(PageLanguage.values()).forEach(language -> texts.put(language, new PageText(language)));
    }

    /** Lets the page's own inline script and style run, and nothing else. */
    public String contentSecurityPolicy() {
        String policy = contentSecurityPolicy;
        if (policy == null) {
            policy = "default-src 'none'; img-src 'self'; connect-src 'self'; script-src '" + sha256(script)
                    + "'; style-src '" + sha256(style) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            contentSecurityPolicy = policy;
        }
        return policy;
    }

    /**
     * The page in {@code language} under {@code override}, as the bytes around each place where a page load puts its
     * id; {@code languageChosen} when the visitor chose the language by {@code ?lang=}, so that the page's links keep it.
     * The arrays are rendered once per variant and shared: never modified.
     */
    public byte[][] segments(Optional<ConnectionPolicy> override, PageLanguage language, boolean languageChosen) {
        return variants.computeIfAbsent(new Variant(language, languageChosen, override), this::segments);
    }

    /** The id of page load {@code load} as the page spells it in each of its places. */
    public static byte[] loadId(long load) {
        return Long.toString(load).getBytes(StandardCharsets.US_ASCII);
    }

    /** The template in {@code language}, with everything filled in that no variant changes. */
    private String translated(PageLanguage language) {
        PageText text = texts.get(language);
        return text.fill(template)
                .replace("{{lang}}", language.tag())
                .replace("{{style}}", style)
                .replace("{{script}}", script)
                .replace("{{imageCount}}", Integer.toString(imageNames.size()))
                .replace("{{settings}}", settingsRows(settings, language, text))
                .replace("{{listeners}}", listeners.dataAttributes());
    }

    /** The page as one variant renders it, as the UTF-8 bytes around each place where the load id goes. */
    private byte[][] segments(Variant variant) {
        ConnectionPolicy policy = variant.override().orElse(settings.connection());
        String page = translated.computeIfAbsent(variant.language(), this::translated)
                .replace("{{policy}}", policy.value())
                .replace("{{overrides}}", overrideLinks(policy, variant.languageInLinks(), texts.get(variant.language())))
                .replace("{{languages}}", languageLinks(variant))
                .replace("{{checkHref}}", "./check" + variant.languageInLinks().map(l -> "?lang=" + l.tag()).orElse(""))
                .replace("{{images}}", imageTags(PageLinks.imageQuery(LOAD_PLACEHOLDER, variant.override())));
        return Arrays.stream(page.split(Pattern.quote(LOAD_PLACEHOLDER), -1))
                .map(segment -> segment.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    private String overrideLinks(ConnectionPolicy current, Optional<PageLanguage> languageInLinks, PageText text) {
        if (!settings.allowOverrides()) {
            return text.get("overridesOff");
        }
        return text.get("reloadWith") + " " + Arrays.stream(ConnectionPolicy.values())
                .map(p -> p == current
                        ? "<strong>Connection: " + p.value() + "</strong>"
                        : link(PageLinks.pageLink(Optional.of(p), languageInLinks), "Connection: " + p.value()))
                .collect(Collectors.joining(" "))
                + " " + link(PageLinks.pageLink(Optional.empty(), languageInLinks), text.get("configuredPolicy"));
    }

    /** Links to the page in the other languages, under the same override; the choice then sticks to the page's links. */
    private String languageLinks(Variant variant) {
        return Arrays.stream(PageLanguage.values())
                .filter(language -> language != variant.language())
                .map(language -> link(PageLinks.pageLink(variant.override(), Optional.of(language)),
                        " hreflang=\"" + language.tag() + "\" lang=\"" + language.tag() + "\"", texts.get(language).get("languageName")))
                .collect(Collectors.joining(" "));
    }

    private static String link(String href, String html) {
        return link(href, "", html);
    }

    private static String link(String href, String attributes, String html) {
        return "<a href=\"" + escape(href) + "\"" + attributes + ">" + html + "</a>";
    }

    private String imageTags(String query) {
        return imageNames.stream()
                .map(name -> "    <img src=\"" + name + escape(query) + "\" alt=\"" + name + "\" width=\"160\" height=\"100\">")
                .collect(Collectors.joining("\n"));
    }

    private static String settingsRows(LabSettings settings, PageLanguage language, PageText text) {
        return Setting.inScope(Setting.Scope.SERVLET).stream()
                .map(s -> "      <tr><th scope=\"row\"><code>" + s.paramName() + "</code></th><td>"
                        + value(settings.valueOf(s), text) + "</td><td>" + escape(describe(s, language)) + "</td></tr>")
                .collect(Collectors.joining("\n"));
    }

    static String describe(Setting setting, PageLanguage language) {
        return switch (language) {
            case ENGLISH -> setting.description();
            case SIMPLIFIED_CHINESE -> setting.chineseDescription();
        };
    }

    private static String value(String value, PageText text) {
        return value.isEmpty() ? text.get("none") : "<code>" + escape(value) + "</code>";
    }

    /** {@code text} escaped for HTML text and attribute values. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The CSP source that lets {@code inline} (a script's or a style's text) run: {@code sha256-BASE64}. */
    public static String sha256(String inline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
