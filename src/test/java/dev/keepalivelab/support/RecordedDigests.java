package dev.keepalivelab.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SHA-256 digests of bytes the lab sent, recorded once and checked on every run: a test names each case, this says
 * whether its bytes are still the recorded ones. The digests of a run are written beside the build's output, so that a
 * deliberate change to what the lab serves is recorded by copying that file over the resource.
 */
public final class RecordedDigests {
    private final String resource;
    private final Map<String, String> recorded;
    private final Map<String, String> seen = new LinkedHashMap<>();

    private RecordedDigests(String resource, Map<String, String> recorded) {
        this.resource = resource;
        this.recorded = recorded;
    }

    /** The digests recorded in {@code resource}, a class path resource of lines {@code CASE DIGEST}. */
    public static RecordedDigests of(String resource) {
        Map<String, String> recorded = new LinkedHashMap<>();
        try (InputStream in = RecordedDigests.class.getResourceAsStream(resource)) {
            if (in != null) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                        .forEach(line -> recorded.put(line.substring(0, line.lastIndexOf(' ')), line.substring(line.lastIndexOf(' ') + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordedDigests(resource, recorded);
    }

    /** Notes {@code bytes} as what case {@code name} sent; {@link #assertAllAsRecorded()} checks them all. */
    public void saw(String name, byte[] bytes) {
        seen.put(name, sha256(bytes));
    }

    /** Every case seen sent the bytes recorded for it, and every case recorded was seen. */
    public void assertAllAsRecorded() throws IOException {
        Path written = Path.of("target", "recorded-digests", Path.of(resource).getFileName().toString());
        Files.createDirectories(written.getParent());
        StringBuilder lines = new StringBuilder();
        seen.forEach((name, digest) -> lines.append(name).append(' ').append(digest).append('\n'));
        Files.writeString(written, lines);
        StringBuilder changed = new StringBuilder();
        seen.forEach((name, digest) -> {
            if (!digest.equals(recorded.get(name))) {
                changed.append("\n  ").append(name).append(recorded.containsKey(name) ? ": other bytes" : ": not recorded");
            }
        });
        recorded.keySet().stream().filter(name -> !seen.containsKey(name)).forEach(name -> changed.append("\n  ").append(name).append(": not seen"));
        assertEquals("", changed.toString(), "Bytes other than " + resource + " records (this run's digests: " + written
                + "; copy it over the resource only for a deliberate change of what the lab serves):");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
