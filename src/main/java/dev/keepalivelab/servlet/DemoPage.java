package dev.keepalivelab.servlet;

import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.Setting;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the demo page from its template: once, at init, since the settings never change after. */
final class DemoPage {
    static final String TEMPLATE_RESOURCE = "/dev/keepalivelab/demo-page.html";

    private DemoPage() {
    }

    static byte[] render(LabSettings settings, List<String> imageNames) {
        String template = new String(LabContent.readClasspath(TEMPLATE_RESOURCE), StandardCharsets.UTF_8);
        String html = template
                .replace("{{imageCount}}", Integer.toString(imageNames.size()))
                .replace("{{connection}}", escape(settings.connection().value()))
                .replace("{{settings}}", settingsRows(settings))
                .replace("{{images}}", imageTags(imageNames));
        return html.getBytes(StandardCharsets.UTF_8);
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

    private static String imageTags(List<String> imageNames) {
        return imageNames.stream()
                .map(name -> "    <img src=\"" + name + "\" alt=\"" + name + "\" width=\"160\" height=\"100\">")
                .collect(Collectors.joining("\n"));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
