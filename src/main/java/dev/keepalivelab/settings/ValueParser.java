package dev.keepalivelab.settings;

/** Turns a setting's text into its value, or throws {@link IllegalArgumentException}. */
@FunctionalInterface
public interface ValueParser<T> {
    T parse(String text);
}
