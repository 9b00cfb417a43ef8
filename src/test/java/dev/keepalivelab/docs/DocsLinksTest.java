package dev.keepalivelab.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reader finds every docs page from the README, and no relative link in the docs leads nowhere. */
class DocsLinksTest {
    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    static final Pattern FENCED = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");
    static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

    static List<Path> docsPages() throws IOException {
        try (Stream<Path> pages = Files.list(DOCS)) {
            return pages.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(README, Path.of("README.zh-CN.md"), Path.of("jetty-config/README.md")));
        files.addAll(docsPages());
        return files;
    }

    /** The targets of a file's Markdown links and images, outside code blocks. */
    static List<String> links(Path file) {
        try {
            Matcher link = LINK.matcher(FENCED.matcher(Files.readString(file)).replaceAll(""));
            List<String> targets = new ArrayList<>();
            while (link.find()) {
                targets.add(link.group(1));
            }
            return targets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Matcher heading = HEADING.matcher(FENCED.matcher(Files.readString(page)).replaceAll(""));
        Set<String> anchors = new TreeSet<>();
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    @Test
    void everyDocsPageIsLinkedFromTheReadme() throws IOException {
        Set<String> linked = links(README).stream().map(target -> target.replaceFirst("#.*", "")).collect(Collectors.toSet());
        Set<String> unlinked = new TreeSet<>();
        for (Path page : docsPages()) {
            if (!linked.contains(DOCS.getFileName() + "/" + page.getFileName())) {
                unlinked.add(page.toString());
            }
        }
        assertEquals(Set.of(), unlinked, "README.md links no such docs page");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("markdownFiles")
    void everyRelativeLinkLeadsToAFileAndHeading(Path file) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String target : links(file)) {
            if (target.matches("[a-z]+:.*")) {
                continue; // http:, https:, mailto: leave the repository
            }
            String[] parts = target.split("#", 2);
            Path resolved = parts[0].isEmpty() ? file : file.resolveSibling(parts[0]).normalize();
            if (!Files.exists(resolved)) {
                broken.add(target + " (no such file)");
            } else if (parts.length == 2 && resolved.toString().endsWith(".md") && !anchors(resolved).contains(parts[1])) {
                broken.add(target + " (no such heading in " + resolved + ")");
            }
        }
        assertEquals(List.of(), broken, file + " has broken links");
    }

    /** The check above cannot pass vacuously: it sees the README's own links. */
    @Test
    void theReadmeHasLinksToCheck() {
        assertTrue(links(README).contains("docs/settings.md"), links(README).toString());
    }
}
