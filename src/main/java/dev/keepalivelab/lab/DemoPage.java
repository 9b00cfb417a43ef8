package dev.keepalivelab.lab;

import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.Setting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo page. Everything that depends only on the settings is rendered once; each page load fills in
 * its own load id and policy, which its image URLs carry.
 */
final class DemoPage {
    static final String TEMPLATE = "/dev/keepalivelab/demo-page.html";
    static final String STYLE = "/dev/keepalivelab/demo-page.css";
    static final String SCRIPT = "/dev/keepalivelab/demo-page.js";

    private final String template;
    private final List<String> imageNames;
    private final LabSettings settings;
    private final String contentSecurityPolicy;

    DemoPage(LabSettings settings, List<String> imageNames) {
        String style = LabContent.readText(STYLE);
        String script = LabContent.readText(SCRIPT);
        this.settings = settings;
        this.imageNames = imageNames;
        this.template = LabContent.readText(TEMPLATE)
                .replace("{{style}}", style)
                .replace("{{script}}", script)
                .replace("{{imageCount}}", Integer.toString(imageNames.size()))
                .replace("{{settings}}", settingsRows(settings));
        this.contentSecurityPolicy = "default-src 'none'; img-src 'self'; connect-src 'self'; script-src '" + sha256(script)
                + "'; style-src '" + sha256(style) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** Lets the page's own inline script and style run, and nothing else. */
    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    byte[] render(long load, LabQuery query) {
        ConnectionPolicy policy = query.override().orElse(settings.connection());
        return template
                .replace("{{load}}", Long.toString(load))
                .replace("{{policy}}", policy.value())
                .replace("{{overrides}}", overrideLinks(policy))
                .replace("{{images}}", imageTags(query.imageQuery(load)))
                .getBytes(StandardCharsets.UTF_8);
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
