package dev.keepalivelab.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven stamped into {@code keepalive-lab.properties} at build time. */
public final class LabVersion {
    private LabVersion() {
    }

    public static String get() {
        try (InputStream in = LabVersion.class.getResourceAsStream("/dev/keepalivelab/keepalive-lab.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
