package dev.keepalivelab.settings;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a record of settings whose components are named after the {@link Setting#paramName()}s of one
 * {@link Setting.Scope}, so that a setting is written once (its row and its component) and read, checked and handed
 * on as text by its row's {@link ValueKind}.
 */
final class SettingsRecord<R extends Record> {
    private final Class<R> type;
    private final List<Setting> settings;
    private final List<Method> accessors;
    private final Constructor<R> constructor;

    private SettingsRecord(Class<R> type, List<Setting> settings, List<Method> accessors, Constructor<R> constructor) {
        this.type = type;
        this.settings = settings;
        this.accessors = accessors;
        this.constructor = constructor;
    }

    /** Binds {@code type}, which must have exactly one component per setting of {@code scope}. */
    static <R extends Record> SettingsRecord<R> of(Class<R> type, Setting.Scope scope) {
        RecordComponent[] components = type.getRecordComponents();
        List<Setting> settings = Arrays.stream(components)
                .map(c -> Setting.byParamName(c.getName()).filter(s -> s.scope() == scope).orElseThrow(() ->
                        new IllegalStateException(type.getSimpleName() + "." + c.getName() + " is not a " + scope + " setting")))
                .toList();
        List<Setting> missing = Setting.inScope(scope).stream().filter(s -> !settings.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(type.getSimpleName() + " has no component for " + missing);
        }
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return new SettingsRecord<>(type, settings, Arrays.stream(components).map(RecordComponent::getAccessor).toList(),
                    type.getDeclaredConstructor(types));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every setting's value in {@code source}, or its default; the record's own checks apply. */
    R read(SettingSource source) {
        Object[] values = settings.stream().map(s -> valueOf(s, source)).toArray();
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException refused ? refused : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalStateException(type.getSimpleName() + " does not take its settings' kinds: " + e, e);
        }
    }

    /** {@code setting}'s value in {@code record} as its text. */
    String text(R record, Setting setting) {
        int i = settings.indexOf(setting);
        if (i < 0) {
            throw new IllegalArgumentException(setting + " is not a setting of " + type.getSimpleName());
        }
        try {
            return formatAs(setting.kind(), accessors.get(i).invoke(record));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code record} with the settings in {@code changes} given as text, checked as {@code source} names them. */
    R with(R record, Map<Setting, String> changes) {
        Map<Setting, String> texts = new EnumMap<>(Setting.class);
        settings.forEach(s -> texts.put(s, text(record, s)));
        texts.putAll(changes);
        return read(SettingSource.given(texts));
    }

    /** {@code setting}'s value in {@code source}, or its default where the source has none; refused naming both. */
    private static Object valueOf(Setting setting, SettingSource source) {
        String raw = source.valueOf(setting);
        String value = raw == null ? setting.defaultValue() : raw;
        try {
            return setting.kind().parse(value);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingException.badValue(source.nameOf(setting), value, source.allowedValuesOf(setting));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> String formatAs(ValueKind<T> kind, Object value) {
        return kind.format((T) value);
    }
}
