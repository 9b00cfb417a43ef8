package dev.keepalivelab.checkcmd;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/client-checks.md's table of check options names every option with its default. */
class CheckDocsTest {
    @Test
    void everyOptionIsInTheClientChecksPageWithItsDefault() throws Exception {
        String page = Files.readString(Path.of("docs/client-checks.md"));
        for (CheckOption option : CheckOption.values()) {
            String row = "| `" + option.flag() + "` | " + (option.row.paramLabel() == null ? "off" : "`" + option.row.defaultValue() + "`") + " |";
            assertTrue(page.contains(row), "docs/client-checks.md lacks the row starting " + row);
        }
    }
}
