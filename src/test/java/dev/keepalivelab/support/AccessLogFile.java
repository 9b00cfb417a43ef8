package dev.keepalivelab.support;

import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads an access log file the lab writes in blocks, at least once a second. */
public final class AccessLogFile {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private AccessLogFile() {
    }

    /** Polls {@code log} until it has at least {@code count} lines; fails after 10 s. */
    public static List<String> awaitLines(Path log, int count) throws Exception {
        return Await.until("at least " + count + " lines in " + log, WAIT,
                () -> Files.exists(log) ? Files.readAllLines(log) : List.<String>of(), lines -> lines.size() >= count);
    }

    /** This run's settings for a test lab that writes its access log to {@code access.log} in {@code dir}. */
    public static ServerSettings settings(Path dir) {
        return ServerSettings.of("127.0.0.1", 0, TestLab.DEFAULT_IDLE_TIMEOUT).with(Setting.ENGINE, TestLab.ENGINE.value())
                .with(Setting.ACCESS_LOG, dir.resolve("access.log").toString());
    }
}
