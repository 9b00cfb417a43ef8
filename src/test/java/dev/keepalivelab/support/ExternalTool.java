package dev.keepalivelab.support;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A command-line tool a test drives. Missing tools skip the test with a visible reason on a developer's
 * machine, and fail it in CI ({@code CI=true}), where {@code .ci/run} installs them.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** The tool's path; skips (or in CI fails) the calling test when it is not on the PATH. */
    public static Path require(String command, String debianPackage) {
        Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        missing("'" + command + "' is not installed (Debian package " + debianPackage + "); .ci/run installs it");
        throw new AssertionError("unreachable");
    }

    /** Skips (or in CI fails) the calling test for want of what {@code reason} names. */
    public static void missing(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + ", but CI is running without it");
        }
        System.err.println("[WARNING] SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
