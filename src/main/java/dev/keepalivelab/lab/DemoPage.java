package dev.keepalivelab.lab;

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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The demo page. Everything but the load id is rendered once per policy override, at start; each page load
 * copies those bytes around its own load id, which its image URLs carry.
 */
final class DemoPage {
    static final String TEMPLATE = "/dev/keepalivelab/demo-page.html";
    static final String STYLE = "/dev/keepalivelab/demo-page.css";
    static final String SCRIPT = "/dev/keepalivelab/demo-page.js";
    private static final String LOAD_PLACEHOLDER = "{{load}}";

    private final List<String> imageNames;
    private final LabSettings settings;
    private final String contentSecurityPolicy;
    private final byte[][] configured;
    private final Map<ConnectionPolicy, byte[][]> overridden = new EnumMap<>(ConnectionPolicy.class);

    DemoPage(LabSettings settings, List<String> imageNames) {
        this(settings, imageNames, Listeners.NONE);
    }

    /** The page, linking the HTTPS {@code listeners} where the server has any. */
    DemoPage(LabSettings settings, List<String> imageNames, Listeners listeners) {
        String style = LabContent.readText(STYLE);
        String script = LabContent.readText(SCRIPT);
        this.settings = settings;
        this.imageNames = imageNames;
        String template = LabContent.readText(TEMPLATE)
                .replace("{{style}}", style)
                .replace("{{script}}", script)
                .replace("{{imageCount}}", Integer.toString(imageNames.size()))
                .replace("{{settings}}", settingsRows(settings))
                .replace("{{listeners}}", listeners.dataAttributes());
        this.configured = segments(template, Optional.empty());
        for (ConnectionPolicy policy : ConnectionPolicy.values()) {
            overridden.put(policy, segments(template, Optional.of(policy)));
        }
        this.contentSecurityPolicy = "default-src 'none'; img-src 'self'; connect-src 'self'; script-src '" + sha256(script)
                + "'; style-src '" + sha256(style) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** Lets the page's own inline script and style run, and nothing else. */
    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** The page for page load {@code load}, under the query's override. */
    byte[] render(long load, LabQuery query) {
        byte[][] segments = query.override().map(overridden::get).orElse(configured);
        byte[] digits = Long.toString(load).getBytes(StandardCharsets.US_ASCII);
        int length = digits.length * (segments.length - 1);
        for (byte[] segment : segments) {
            length += segment.length;
        }
        byte[] page = new byte[length];
        int at = 0;
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                System.arraycopy(digits, 0, page, at, digits.length);
                at += digits.length;
            }
            System.arraycopy(segments[i], 0, page, at, segments[i].length);
            at += segments[i].length;
        }
        return page;
    }

    /** The page under one override, as the UTF-8 bytes around each place where the load id goes. */
    private byte[][] segments(String template, Optional<ConnectionPolicy> override) {
        ConnectionPolicy policy = override.orElse(settings.connection());
        String page = template
                .replace("{{policy}}", policy.value())
                .replace("{{overrides}}", overrideLinks(policy))
                .replace("{{images}}", imageTags(new LabQuery(override, 0, 0, Optional.empty()).imageQuery(LOAD_PLACEHOLDER)));
        return Arrays.stream(page.split(Pattern.quote(LOAD_PLACEHOLDER), -1))
                .map(segment -> segment.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    private String overrideLinks(ConnectionPolicy current) {
        if (!settings.allowOverrides()) {
            return "Per-request overrides are off (<code>allowOverrides=false</code>).";
        }
        return "Reload with: " + Arrays.stream(ConnectionPolicy.values())
                .map(p -> p == current
                        ? "<strong>Connection: " + p.value() + "</strong>"
                        : "<a href=\"./?" + LabQuery.CONNECTION + "=" + p.value() + "\">Connection: " + p.value() + "</a>")
                .collect(Collectors.joining(" "))
                + " <a href=\"./\">(the configured policy)</a>";
    }

    private String imageTags(String query) {
        return imageNames.stream()
                .map(name -> "    <img src=\"" + name + escape(query) + "\" alt=\"" + name + "\" width=\"160\" height=\"100\">")
                .collect(Collectors.joining("\n"));
    }

    private static String settingsRows(LabSettings settings) {
        return Setting.inScope(Setting.Scope.SERVLET).stream()
                .map(s -> "      <tr><th scope=\"row\"><code>" + s.paramName() + "</code></th><td><code>"
                        + escape(display(settings.valueOf(s))) + "</code></td><td>" + escape(s.description()) + "</td></tr>")
                .collect(Collectors.joining("\n"));
    }

    private static String display(String value) {
        return value.isEmpty() ? "(none)" : value;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String sha256(String inline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
