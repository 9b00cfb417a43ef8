package dev.keepalivelab.support;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator does to a descriptor that lists every init-param at its default (the WAR's
 * {@code WEB-INF/web.xml}, jetty-config's {@code override-web.xml}): change one value, or misspell one name.
 */
public record InitParamEdit(String name, String newName, String newValue) {

    public static InitParamEdit set(String name, String value) {
        return new InitParamEdit(name, name, value);
    }

    public static InitParamEdit rename(String name, String newName) {
        return new InitParamEdit(name, newName, null);
    }

    /** Applies every edit to {@code descriptor}; fails when a name is not listed exactly once. */
    public static String applyAll(List<InitParamEdit> edits, String descriptor) {
        String result = descriptor;
        for (InitParamEdit edit : edits) {
            result = edit.applyTo(result);
        }
        return result;
    }

    String applyTo(String descriptor) {
        Pattern param = Pattern.compile("<param-name>" + Pattern.quote(name) + "</param-name><param-value>([^<]*)</param-value>");
        List<String> values = param.matcher(descriptor).results().map(m -> m.group(1)).toList();
        if (values.size() != 1) {
            throw new IllegalArgumentException("init-param '" + name + "' is listed " + values.size() + " times in the descriptor, expected once");
        }
        String value = newValue == null ? values.get(0) : newValue;
        return param.matcher(descriptor).replaceFirst(Matcher.quoteReplacement(
                "<param-name>" + newName + "</param-name><param-value>" + value + "</param-value>"));
    }

    @Override
    public String toString() {
        return newValue == null ? name + " misspelt as " + newName : name + "=" + newValue;
    }
}
