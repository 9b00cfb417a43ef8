package dev.keepalivelab.settings;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Where raw setting values come from (init-params, flags), and how that source names a setting. */
public interface SettingSource {

    /** The raw value given for {@code setting}, or {@code null} where none was given. */
    String valueOf(Setting setting);

    /** The name the user wrote for {@code setting}, used in error messages. */
    String nameOf(Setting setting);

    /** What this source accepts for {@code setting}, as said in error messages. */
    default String allowedValuesOf(Setting setting) {
        return setting.allowedValues();
    }

    /** Servlet init-params, looked up by their camelCase names. */
    static SettingSource initParams(Function<String, String> lookup) {
        return new SettingSource() {
            @Override
            public String valueOf(Setting setting) {
                return lookup.apply(setting.paramName());
            }

            @Override
            public String nameOf(Setting setting) {
                return "init-param " + setting.paramName();
            }
        };
    }

    /** Values given in code (by tools and tests), as text; errors name each setting by its flag. */
    static SettingSource given(Map<Setting, String> values) {
        Map<Setting, String> copy = Map.copyOf(values);
        return new SettingSource() {
            @Override
            public String valueOf(Setting setting) {
                return copy.get(setting);
            }

            @Override
            public String nameOf(Setting setting) {
                return setting.flag();
            }
        };
    }

    /** Fails on the first name that is not an init-param of the lab (a typo must not pass silently). */
    static void requireKnownInitParams(Collection<String> names) {
        for (String name : names) {
            boolean known = Setting.byParamName(name).filter(s -> s.scope() == Setting.Scope.SERVLET).isPresent();
            if (!known) {
                String knownNames = Setting.inScope(Setting.Scope.SERVLET).stream()
                        .map(Setting::paramName).collect(Collectors.joining(", "));
                throw new InvalidSettingException("init-param " + name,
                        "Unknown init-param '" + name + "': allowed are " + knownNames + ".");
            }
        }
    }
}
