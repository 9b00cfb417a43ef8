package dev.keepalivelab.options;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionTableTest {
    static final OptionRow VALUE = new OptionRow("--size", "size", OptionRow.Arity.VALUE, "How big, in %.", "a number", "",
            "nginx size");
    static final OptionRow SWITCH = new OptionRow("--loud", "loud", OptionRow.Arity.SWITCH, "Shout.", "true or false", "false", "");
    static final OptionRow FLAG = new OptionRow("--dry", null, OptionRow.Arity.FLAG, "Do nothing.", "a flag", "false", "");
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** What a parse ended in: the text given for each row (whether the flag was given), or an exit code. */
    record Outcome(Optional<List<Optional<String>>> given, int code) {
    }

    Outcome parse(OptionTable table, String... args) {
        return table.parse(args, new PrintWriter(out, true), new PrintWriter(err, true),
                result -> List.of(OptionTable.given(result, VALUE.flag()), OptionTable.given(result, SWITCH.flag()),
                        Optional.of(result.hasMatchedOption(FLAG.flag())).filter(given -> given).map(given -> "given")),
                given -> new Outcome(Optional.of(given), 0), code -> new Outcome(Optional.empty(), code));
    }

    static OptionTable table() {
        return OptionTable.command("tool", "tool: ", "A tool.").add(VALUE).add(SWITCH).add(FLAG);
    }

    @Test
    void helpAndVersionAreAddedWithoutPicocliMixins() {
        OptionTable table = table();
        assertTrue(table.spec().mixins().isEmpty(), "mixinStandardHelpOptions reads annotations by reflection at start");
        assertEquals(new Outcome(Optional.empty(), 0), parse(table, "--version"));
        assertTrue(out.toString().matches("keepalive-lab \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out.toString());
    }

    @Test
    void helpSaysWhatEachRowDoesAllowsAndDefaultsToButAFlagOnlyWhatItDoes() {
        assertEquals(new Outcome(Optional.empty(), 0), parse(table(), "-h"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--size=<size> How big, in %. Allowed: a number. Default: (empty). Like: nginx size."), help);
        assertTrue(help.contains("--loud[=<loud>] Shout. Allowed: true or false. Default: false. --dry Do nothing."), help);
    }

    @Test
    void valuesAreReadAsGivenAndASwitchAloneMeansTrue() {
        assertEquals(new Outcome(Optional.of(List.of(Optional.of("3"), Optional.of("true"), Optional.of("given"))), 0),
                parse(table(), "--size", "3", "--loud", "--dry"));
        assertEquals(new Outcome(Optional.of(List.of(Optional.empty(), Optional.of("false"), Optional.empty())), 0),
                parse(table(), "--loud=false"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --loud=--   | Invalid value '--' for --loud: allowed is true or false.
            --loud=yes  | Invalid value 'yes' for --loud: allowed is true or false.
            --dry=true  | option '--dry' should be specified without 'true' parameter
            --size      | Missing required parameter for option '--size' (<size>)
            """)
    void aUsageErrorIsOneLineAndWhereTheHelpIs(String arg, String message) {
        assertEquals(new Outcome(Optional.empty(), 2), parse(table(), arg));
        assertEquals("tool: " + message + System.lineSeparator() + "Try 'tool --help' for more." + System.lineSeparator(),
                err.toString());
    }

    @Test
    void picocliErrorsAboutAValueSayWhatIsAllowedWhereTheTableAsks() {
        assertEquals(new Outcome(Optional.empty(), 2), parse(table().valueErrorsSayAllowed(), "--size"));
        assertTrue(err.toString().startsWith("tool: Missing required parameter for option '--size' (<size>): allowed is a number."
                + System.lineSeparator()), err.toString());
    }

    @Test
    void aUsageErrorFromReadingIsShownAsTheOthers() {
        StringWriter refused = new StringWriter();
        int code = table().parse(new String[0], new PrintWriter(out, true), new PrintWriter(refused, true),
                result -> {
                    throw new UsageError("no input");
                }, given -> 0, exit -> exit);
        assertEquals(2, code);
        assertEquals("tool: no input" + System.lineSeparator() + "Try 'tool --help' for more." + System.lineSeparator(),
                refused.toString());
    }

    /** The option table sits above both commands: it may use the settings, never the server or the bench. */
    @Test
    void theOptionTableImportsNeitherCommand() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/keepalivelab/options"))) {
            List<String> imports = files.flatMap(OptionTableTest::lines).filter(line -> line.startsWith("import dev.keepalivelab."))
                    .filter(line -> !line.startsWith("import dev.keepalivelab.settings.")).toList();
            assertEquals(List.of(), imports);
        }
    }

    static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
