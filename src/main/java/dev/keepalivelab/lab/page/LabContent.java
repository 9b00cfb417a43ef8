package dev.keepalivelab.lab.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The lab's fixed content: the image names of the seed article's page and the one picture served for them. */
public final class LabContent {
    /** The image names of the seed article's page, in its order. */
    public static final List<String> IMAGE_NAMES = List.of(
            "test1.jpg", "test2.jpg", "test3.jpg", "test4.jpg", "test5.jpg", "test6.jpg", "test7.jpg",
            "test11.jpg", "test12.jpg", "test13.jpg", "test14.jpg", "test15.jpg", "test16.jpg", "test17.jpg",
            "test111.jpg", "test112.jpg", "test113.jpg", "test114.jpg", "test115.jpg", "test116.jpg");
    public static final Set<String> IMAGE_PATHS = Set.copyOf(IMAGE_NAMES.stream().map(name -> "/" + name).toList());
    public static final String PICTURE = "/dev/keepalivelab/picture.jpg";

    private LabContent() {
    }

    public static byte[] read(String resource) {
        try (InputStream in = LabContent.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource + " in the lab's classes");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + resource, e);
        }
    }

    public static String readText(String resource) {
        return new String(read(resource), StandardCharsets.UTF_8);
    }
}
