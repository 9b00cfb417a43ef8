package dev.keepalivelab.docs;

import dev.keepalivelab.settings.Setting;

import java.util.stream.Collectors;

/** Renders the documentation blocks that {@link Setting} feeds: the web.xml init-params and the table in docs/settings.md. */
public final class SettingsDocs {
    public static final String WEB_XML_BEGIN = "    <!-- settings: rendered from Setting.java, every init-param at its default; SettingsDocumentationTest keeps this in step -->\n";
    public static final String WEB_XML_END = "    <!-- settings end -->\n";
    public static final String SETTINGS_TABLE_BEGIN = "<!-- settings table: rendered from Setting.java; SettingsDocumentationTest keeps it in step -->\n";
    public static final String SETTINGS_TABLE_END = "<!-- settings table end -->\n";

    private SettingsDocs() {
    }

    public static String webXmlInitParams() {
        return Setting.inScope(Setting.Scope.SERVLET).stream()
                .map(s -> "    <!-- " + s.paramName() + ": " + s.description() + " Allowed: " + s.allowedValues() + ". -->\n"
                        + "    <init-param><param-name>" + s.paramName() + "</param-name><param-value>"
                        + s.defaultValue() + "</param-value></init-param>\n")
                .collect(Collectors.joining());
    }

    public static String settingsTable() {
        StringBuilder table = new StringBuilder()
                .append("| init-param | flag | default | allowed | effect | like |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Setting s : Setting.values()) {
            String param = s.scope() == Setting.Scope.SERVLET ? "`" + s.paramName() + "`" : "(server)";
            String def = s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
            table.append("| ").append(param)
                    .append(" | `").append(s.flag()).append("`")
                    .append(" | ").append(def)
                    .append(" | ").append(cell(allowed(s)))
                    .append(" | ").append(cell(s.description()))
                    .append(" | ").append(s.equivalents().isEmpty() ? "" : cell(s.equivalents()))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The init-param's values, and apart from them what only the flag takes. */
    private static String allowed(Setting s) {
        return s.flagOnlyValues().isEmpty() ? s.allowedValues() : s.allowedValues() + "; flag only: " + s.flagOnlyValues();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Prints both blocks, for pasting after a change to Setting.java. */
    public static void main(String[] args) {
        System.out.print(WEB_XML_BEGIN + webXmlInitParams() + WEB_XML_END);
        System.out.println();
        System.out.print(SETTINGS_TABLE_BEGIN + settingsTable() + SETTINGS_TABLE_END);
    }
}
