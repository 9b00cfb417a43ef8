package dev.keepalivelab.aot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JDK that can make an AOT cache in one training run ({@code -XX:AOTCacheOutput}, JDK 25 and later). */
record TrainingJdk(Path java, int feature) {
    static final int FIRST_WITH_AOT_CACHE_OUTPUT = 25;
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    /** The JDK whose {@code bin/java} is {@code java}, as its {@code release} file says; empty if there is none there. */
    static Optional<TrainingJdk> at(Path java) throws IOException {
        Path release = java.toAbsolutePath().getParent().resolveSibling("release");
        if (!Files.isExecutable(java) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Matcher version = JAVA_VERSION.matcher(Files.readString(release));
        return version.find() ? Optional.of(new TrainingJdk(java.toAbsolutePath(), Integer.parseInt(version.group(1)))) : Optional.empty();
    }

    boolean makesAotCaches() {
        return feature >= FIRST_WITH_AOT_CACHE_OUTPUT;
    }
}
