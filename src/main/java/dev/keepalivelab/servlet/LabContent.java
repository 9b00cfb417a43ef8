package dev.keepalivelab.servlet;

import dev.keepalivelab.settings.LabSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The demo page and its images, keyed by their path below the context root. */
final class LabContent {
    /** The image names of the seed article's page, in its order. */
    static final List<String> IMAGE_NAMES = List.of(
            "test1.jpg", "test2.jpg", "test3.jpg", "test4.jpg", "test5.jpg", "test6.jpg", "test7.jpg",
            "test11.jpg", "test12.jpg", "test13.jpg", "test14.jpg", "test15.jpg", "test16.jpg", "test17.jpg",
            "test111.jpg", "test112.jpg", "test113.jpg", "test114.jpg", "test115.jpg", "test116.jpg");

    static final String PICTURE_RESOURCE = "/dev/keepalivelab/picture.jpg";

    private final Map<String, LabResource> byPath;

    private LabContent(Map<String, LabResource> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    static LabContent load(LabSettings settings) {
        Map<String, LabResource> byPath = new HashMap<>();
        byPath.put("/", new LabResource("text/html;charset=utf-8", DemoPage.render(settings, IMAGE_NAMES), true));
        LabResource picture = new LabResource("image/jpeg", readClasspath(PICTURE_RESOURCE), false);
        IMAGE_NAMES.forEach(name -> byPath.put("/" + name, picture));
        return new LabContent(byPath);
    }

    /** The resource at {@code path} (raw, as sent, below the context path); nothing else is ever served. */
    Optional<LabResource> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    static byte[] readClasspath(String name) {
        try (InputStream in = LabContent.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " in the lab's classes");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + name, e);
        }
    }
}
