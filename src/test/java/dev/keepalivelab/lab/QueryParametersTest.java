package dev.keepalivelab.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The query string as every serving path reads it: each row a raw query and the values it gives, or a refusal. */
class QueryParametersTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            no query                    | NULL                      | {}
            an empty query              | ''                        | {}
            one pair                    | load=17                   | {load=[17]}
            a repeated name             | lang=en&lang=zh-CN        | {lang=[en, zh-CN]}
            empty pairs skipped         | &&load=1&                 | {load=[1]}
            plus is a space             | client=a+b                | {client=[a b]}
            percent-encoded UTF-8       | client=%E4%B8%AD          | {client=[中]}
            an encoded name             | %6Coad=3                  | {load=[3]}
            an equals sign in a value   | client=a=b                | {client=[a=b]}
            """)
    void decodes(String name, String rawQuery, String expected) {
        assertEquals(expected, new TreeMap<>(QueryParameters.parse(rawQuery)).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad hex                     | load=%zz
            a lone percent              | connection=%
            a percent and one digit     | connection=%4
            an overlong UTF-8 byte      | connection=%C0
            half a UTF-8 sequence       | client=%E4%B8
            """)
    void refuses(String name, String rawQuery) {
        assertThrows(IllegalArgumentException.class, () -> QueryParameters.parse(rawQuery));
    }

    @Test
    void aNameWithoutAValueHasTheEmptyValue() {
        assertEquals(Map.of("connection", List.of("")), QueryParameters.parse("connection"));
    }
}
