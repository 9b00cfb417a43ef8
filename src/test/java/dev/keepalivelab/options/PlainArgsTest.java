package dev.keepalivelab.options;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlainArgsTest {
    private static final Map<String, OptionRow.Arity> ARITIES = Stream.of(OptionTableTest.VALUE, OptionTableTest.SWITCH, OptionTableTest.FLAG)
            .collect(Collectors.toMap(OptionRow::flag, OptionRow::arity));

    /** Picocli's reading of {@code args}: each value option and switch given, by flag; empty where it refuses them. */
    private static Optional<Map<String, String>> picocli(String[] args) {
        StringWriter ignored = new StringWriter();
        return OptionTableTest.table().parse(args, new PrintWriter(ignored), new PrintWriter(ignored), result -> {
            Map<String, String> given = new LinkedHashMap<>();
            for (OptionRow row : new OptionRow[] {OptionTableTest.VALUE, OptionTableTest.SWITCH}) {
                OptionTable.given(result, row.flag()).ifPresent(text -> given.put(row.flag(), text));
            }
            return given;
        }, Optional::of, code -> Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", useHeadersInDisplayName = true, textBlock = """
            args                          | plain
            ''                            | {}
            --size 3                      | {--size=3}
            --size=3                      | {--size=3}
            --size=a=b                    | {--size=a=b}
            --loud                        | {--loud=true}
            --loud=false                  | {--loud=false}
            --loud=yes                    | -
            --loud --size 3               | {--loud=true, --size=3}
            --size 3 --loud               | {--loud=true, --size=3}
            --size 3 --size 4             | -
            --size 3 --size=3             | -
            --loud false                  | -
            --loud 3                      | -
            --size                        | -
            --size=                       | -
            --size -3                     | -
            --size=-3                     | -
            --size --loud                 | -
            --size @file                  | -
            --size "3"                    | -
            --size=a"b                    | -
            --loud=--                     | -
            --dry                         | -
            --dry=true                    | -
            -h                            | -
            --help                        | -
            --version                     | -
            --sizes 3                     | -
            -- --size 3                   | -
            stray                         | -
            @file                         | -
            """)
    void plainArgsReadAsPicocliReadsThemAndTheRestAreLeftToIt(String args, String plain) {
        String[] split = args.isEmpty() ? new String[0] : args.split(" ");
        Optional<Map<String, String>> read = PlainArgs.read(split, ARITIES);
        assertEquals(Optional.ofNullable(plain), read.map(given -> new TreeMap<>(given).toString()), Arrays.toString(split));
        read.ifPresent(given -> assertEquals(picocli(split), Optional.of(given), "picocli reads " + Arrays.toString(split) + " otherwise"));
    }
}
