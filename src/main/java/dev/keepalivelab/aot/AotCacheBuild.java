package dev.keepalivelab.aot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mvn package}'s last step: with a JDK 25 or later, the {@link RuntimeImage} linked from it at {@code RUNTIME}
 * and an AOT cache for {@code bin/keepalive-lab} (JEP 483, 514, 515): the jar runs once on that image with
 * {@code -XX:AOTCacheOutput}, serves {@link TrainingLoad}, stops as SIGTERM stops it, and the cache it writes must then
 * open with {@code -XX:AOTMode=on}, or the build fails. The cache is {@code CACHE}, and {@code CACHE.jdk} names the
 * {@code java} it belongs to. Without such a JDK it says so and makes nothing: the launcher then runs plain {@code java}.
 *
 * <p>Arguments: the jar, the cache, the {@code java} to train with, the runtime image's directory.
 */
public final class AotCacheBuild {
    static final String JDK_SUFFIX = ".jdk";
    /** The README's JVM flags, which bin/keepalive-lab runs with: a cache holds heap objects for one GC, so train with them. */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx128m", "-Djdk.reflect.useNativeAccessorOnly=true",
            "-XX:TrimNativeHeapInterval=1000");
    private static final Pattern LISTENING = Pattern.compile("keepalive-lab listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final long STOP_SECONDS = 180;

    private AotCacheBuild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("arguments: JAR CACHE JAVA RUNTIME (given: " + List.of(args) + ")");
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path cache = Path.of(args[1]).toAbsolutePath();
        Path jdkNote = Path.of(cache + JDK_SUFFIX);
        Files.deleteIfExists(cache);
        Files.deleteIfExists(jdkNote);
        Files.deleteIfExists(Path.of(cache + ".config"));
        Path runtime = Path.of(args[3]).toAbsolutePath();
        RuntimeImage.deleteTree(runtime);
        Optional<TrainingJdk> jdk = TrainingJdk.at(Path.of(args[2]));
        if (jdk.isEmpty() || !jdk.get().makesAotCaches()) {
            System.out.println("keepalive-lab AOT cache: skipped, no JDK " + TrainingJdk.FIRST_WITH_AOT_CACHE_OUTPUT + " or later at " + args[2]
                    + (jdk.map(j -> " (that one is " + j.feature() + ")").orElse("")) + "; bin/keepalive-lab runs plain java"
                    + " (name another with -Daot.java=PATH/bin/java)");
            return;
        }
        Path java = RuntimeImage.link(jdk.get(), runtime).orElse(jdk.get().java());
        int answered = train(java, jar, cache);
        check(java, jar, cache);
        Files.writeString(jdkNote, java + "\n");
        System.out.println("keepalive-lab AOT cache: " + cache + " (" + Files.size(cache) / (1024 * 1024) + " MB, trained on "
                + answered + " requests with " + java + ")");
    }

    private static int train(Path java, Path jar, Path cache) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-jar", jar.toString(), "--host", "127.0.0.1", "--port", "0"));
        Process lab = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher listening = LISTENING.matcher(first == null ? "" : first);
            if (!listening.matches()) {
                throw new IllegalStateException("the training run did not start: " + first);
            }
            int answered = new TrainingLoad(Integer.parseInt(listening.group(1))).run();
            lab.toHandle().destroy(); // SIGTERM, as Ctrl-C stops it; Process.destroy() would also close its output
            if (!lab.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the training run did not write its cache within " + STOP_SECONDS + " s");
            }
            String rest = String.join("\n", out.lines().toList());
            if (lab.exitValue() != 0 || !Files.isRegularFile(cache)) {
                throw new IllegalStateException("the training run exited with " + lab.exitValue() + " and "
                        + (Files.isRegularFile(cache) ? "" : "no ") + "cache " + cache + ":\n" + rest);
            }
            return answered;
        } finally {
            lab.destroyForcibly();
        }
    }

    /** The cache must open with this jar and JDK: {@code -XX:AOTMode=on} refuses to run otherwise. */
    private static void check(Path java, Path jar, Path cache) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(java.toString(), "-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-jar", jar.toString(), "--version")
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            throw new IllegalStateException("the AOT cache " + cache + " does not open with " + java + ":\n" + output);
        }
    }
}
