package dev.keepalivelab.settings;

import dev.keepalivelab.text.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a setting's text may be: how it parses into a value, how a value is written back as text, and the allowed
 * values as web.xml, {@code --help}, error messages and docs/settings.md say them.
 *
 * @param <T> the parsed value
 */
public sealed interface ValueKind<T> {

    /** The value {@code text} means; throws {@link IllegalArgumentException} where the text is not allowed. */
    T parse(String text);

    /** The text that parses back into {@code value}. */
    String format(T value);

    /** The allowed values, each a phrase, as {@link #allowed()} joins them. */
    List<String> alternatives();

    /** The allowed values as one phrase: {@code off, or a duration of at least 1ms (such as 10s)}. */
    default String allowed() {
        List<String> phrases = alternatives();
        int last = phrases.size() - 1;
        return last == 0 ? phrases.get(0) : String.join(", ", phrases.subList(0, last)) + ", or " + phrases.get(last);
    }

    /** {@code true} or {@code false}: as a flag, may be given without a value to mean true. */
    record Switch() implements ValueKind<Boolean> {
        @Override
        public Boolean parse(String text) {
            return Values.bool(text);
        }

        @Override
        public String format(Boolean value) {
            return value.toString();
        }

        @Override
        public List<String> alternatives() {
            return List.of("true", "false");
        }

        @Override
        public String allowed() {
            return "true or false";
        }
    }

    /** One of a few words, each meaning a value: {@code keep-alive, close or default}. */
    record Choice<T>(Map<String, T> words) implements ValueKind<T> {
        public Choice {
            words = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(words));
        }

        /** Each constant of an enum, named by {@code word}, in declaration order. */
        public static <E extends Enum<E>> Choice<E> of(E[] constants, Function<E, String> word) {
            Map<String, E> words = new LinkedHashMap<>();
            Arrays.stream(constants).forEach(c -> words.put(word.apply(c), c));
            return new Choice<>(words);
        }

        /** Two words, in this order. */
        public static <T> Choice<T> of(String firstWord, T first, String secondWord, T second) {
            Map<String, T> words = new LinkedHashMap<>();
            words.put(firstWord, first);
            words.put(secondWord, second);
            return new Choice<>(words);
        }

        @Override
        public T parse(String text) {
            T value = words.get(text);
            if (value == null) {
                throw new IllegalArgumentException();
            }
            return value;
        }

        @Override
        public String format(T value) {
            return words.entrySet().stream().filter(e -> e.getValue().equals(value)).findFirst().orElseThrow().getKey();
        }

        @Override
        public List<String> alternatives() {
            return List.copyOf(words.keySet());
        }

        @Override
        public String allowed() {
            List<String> all = alternatives();
            return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        }
    }

    /** A whole number from {@code min} to {@code max}; {@code note} (if any) says what a value means. */
    record IntRange(int min, int max, String note) implements ValueKind<Integer> {
        public IntRange(int min, int max) {
            this(min, max, "");
        }

        @Override
        public Integer parse(String text) {
            return Values.intInRange(text, min, max);
        }

        @Override
        public String format(Integer value) {
            return value.toString();
        }

        @Override
        public List<String> alternatives() {
            return List.of("an integer from " + min + " to " + max + (note.isEmpty() ? "" : " (" + note + ")"));
        }
    }

    /** A whole number with a unit ({@code 1500ms}, {@code 30s}, {@code 2m}, {@code 1h}) of at least {@code min}. */
    record DurationAtLeast(Duration min, String examples) implements ValueKind<Duration> {
        @Override
        public Duration parse(String text) {
            return Durations.parse(text, min);
        }

        @Override
        public String format(Duration value) {
            return Durations.format(value);
        }

        @Override
        public List<String> alternatives() {
            return List.of("a duration of at least " + Durations.format(min) + " (such as " + examples + ")");
        }
    }

    /** {@code off} for none, or a value of {@code kind}. */
    record OffOr<T>(ValueKind<T> kind) implements ValueKind<Optional<T>> {
        @Override
        public Optional<T> parse(String text) {
            return text.equals(Values.OFF) ? Optional.empty() : Optional.of(kind.parse(text));
        }

        @Override
        public String format(Optional<T> value) {
            return value.map(kind::format).orElse(Values.OFF);
        }

        @Override
        public List<String> alternatives() {
            return withFirst(Values.OFF, kind.alternatives());
        }
    }

    /** {@code off} for none, or a whole number in {@code range}: the primitive form of {@link OffOr}. */
    record OffOrInt(IntRange range) implements ValueKind<OptionalInt> {
        @Override
        public OptionalInt parse(String text) {
            return text.equals(Values.OFF) ? OptionalInt.empty() : OptionalInt.of(range.parse(text));
        }

        @Override
        public String format(OptionalInt value) {
            return value.isPresent() ? range.format(value.getAsInt()) : Values.OFF;
        }

        @Override
        public List<String> alternatives() {
            return withFirst(Values.OFF, range.alternatives());
        }
    }

    /** Empty for none (which {@code meaning} explains), or a value of {@code kind}. */
    record EmptyOr<T>(ValueKind<T> kind, String meaning) implements ValueKind<Optional<T>> {
        @Override
        public Optional<T> parse(String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(kind.parse(text));
        }

        @Override
        public String format(Optional<T> value) {
            return value.map(kind::format).orElse("");
        }

        @Override
        public List<String> alternatives() {
            List<String> all = new ArrayList<>(kind.alternatives());
            all.add("empty for " + meaning);
            return List.copyOf(all);
        }
    }

    /** Text that {@code parser} reads and {@code formatter} writes back; {@code alternatives} say what it allows. */
    record Text<T>(Function<String, T> parser, Function<T, String> formatter, List<String> alternatives)
            implements ValueKind<T> {
        public Text(Function<String, T> parser, Function<T, String> formatter, String... alternatives) {
            this(parser, formatter, List.of(alternatives));
        }

        /** Text taken as it is where {@code check} accepts it. */
        public static Text<String> checked(UnaryOperator<String> check, String... alternatives) {
            return new Text<>(check, Function.identity(), alternatives);
        }

        @Override
        public T parse(String text) {
            return parser.apply(text);
        }

        @Override
        public String format(T value) {
            return formatter.apply(value);
        }
    }

    private static List<String> withFirst(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return List.copyOf(all);
    }
}
