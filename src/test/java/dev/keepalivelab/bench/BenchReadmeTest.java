package dev.keepalivelab.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's table of bench options names every option with its default. */
class BenchReadmeTest {
    @Test
    void everyOptionIsInTheReadmeWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (BenchOption option : BenchOption.values()) {
            String row = "| `" + option.flag() + "` | " + (option.takesValue() ? "`" + option.defaultValue() + "`" : "off") + " |";
            assertTrue(readme.contains(row), "README lacks the row starting " + row);
        }
    }
}
