package dev.keepalivelab.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/bench.md's table of bench options names every option with its default. */
class BenchDocsTest {
    @Test
    void everyOptionIsInTheBenchPageWithItsDefault() throws Exception {
        String page = Files.readString(Path.of("docs/bench.md"));
        for (BenchOption option : BenchOption.values()) {
            String row = "| `" + option.flag() + "` | " + (option.takesValue() ? "`" + option.defaultValue() + "`" : "off") + " |";
            assertTrue(page.contains(row), "docs/bench.md lacks the row starting " + row);
        }
    }
}
