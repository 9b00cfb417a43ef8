package dev.keepalivelab.support;

import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.SettingSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built WAR as a container gets it, and the bytes it must serve. */
public final class LabWar {
    public static final Path WAR = Path.of("target/keepalive-lab.war");
    public static final String CONTEXT = "/keepalive-lab";
    public static final Path PICTURE = Path.of("src/main/resources/dev/keepalivelab/picture.jpg");
    public static final String TYPO_MESSAGE = "keepalive-lab not started: "
            + assertThrows(InvalidSettingException.class, () -> SettingSource.requireKnownInitParams(List.of("conection"))).getMessage();

    private LabWar() {
    }

    public static Path war() {
        assertTrue(Files.isRegularFile(WAR), WAR + " missing: run mvn verify, which packages before integration tests");
        return WAR.toAbsolutePath();
    }

    /** Unpacks the WAR into {@code dir} and applies the edits to its {@code WEB-INF/web.xml}, as a Tomcat operator does. */
    public static Path unpackWithEdits(Path dir, List<InitParamEdit> edits) throws IOException {
        try (ZipFile zip = new ZipFile(war().toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("WAR entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        Path webXml = dir.resolve("WEB-INF/web.xml");
        Files.writeString(webXml, InitParamEdit.applyAll(edits, Files.readString(webXml)));
        return dir;
    }

    public static byte[] picture() throws IOException {
        return Files.readAllBytes(PICTURE);
    }
}
