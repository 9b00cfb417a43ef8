package dev.keepalivelab.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness measures the lab with the JVM flags that the README's run command recommends. */
class RecommendedJvmFlagsTest {
    static final Pattern HARNESS_DEFAULT = Pattern.compile("\\nLAB_JAVA_OPTS=\\$\\{LAB_JAVA_OPTS:-([^}]*)}\\n");

    @Test
    void theHarnessDefaultsToTheReadmesFlags() throws Exception {
        Matcher harness = HARNESS_DEFAULT.matcher(Files.readString(Path.of("src/bench/vs-nginx.sh")));
        assertTrue(harness.find(), "src/bench/vs-nginx.sh sets no default LAB_JAVA_OPTS");
        String runCommand = "mvn -q package -DskipTests && java " + harness.group(1) + " -jar target/keepalive-lab.jar";
        assertTrue(Files.readString(Path.of("README.md")).contains(runCommand), "README.md must run the lab with: " + runCommand);
    }
}
