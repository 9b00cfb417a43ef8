package dev.keepalivelab.wire;

import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.RecordedDigests;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's bytes on the wire, head and body, are the ones recorded for every variant (both languages, chosen by
 * {@code ?lang=} or by Accept-Language, under each override) at load ids of one and two digits; and a truncated or
 * dripped page cuts at the same byte.
 */
class PageBytesWireTest {
    private static final Pattern DATE = Pattern.compile("\r\nDate: [^\r]*");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\nContent-Length: (\\d+)", Pattern.CASE_INSENSITIVE);

    /** Every variant of the page: its request target and the Accept-Language it is asked with. */
    static List<String[]> variants() {
        List<String[]> variants = new ArrayList<>();
        List<String> overrides = new ArrayList<>(List.of(""));
        for (ConnectionPolicy policy : ConnectionPolicy.values()) {
            overrides.add("connection=" + policy.value());
        }
        for (String language : List.of("en", "zh-CN")) {
            for (boolean chosen : List.of(false, true)) {
                for (String override : overrides) {
                    String query = String.join("&", List.of(override, chosen ? "lang=" + language : "").stream()
                            .filter(part -> !part.isEmpty()).toList());
                    variants.add(new String[] {"/" + (query.isEmpty() ? "" : "?" + query), chosen ? "en-US" : language});
                }
            }
        }
        return variants;
    }

    @Test
    void everyVariantAtEveryLoadIdIsTheRecordedPageAndItsFaultsCutAtTheRecordedByte() throws Exception {
        RecordedDigests digests = RecordedDigests.of("/dev/keepalivelab/page-bytes-" + TestLab.ENGINE.value() + ".txt");
        try (TestLab lab = TestLab.start(Map.of())) {
            long expectedLoad = 1;
            for (int round = 0; round < 2; round++) {
                for (String[] variant : variants()) {
                    Answer answer = fetch(lab, variant[0], variant[1]);
                    assertEquals(expectedLoad++, answer.load(), "each page is its own page load, in order");
                    digests.saw(variant[0] + " (" + variant[1] + ") load " + answer.load() + " head", answer.head());
                    digests.saw(variant[0] + " (" + variant[1] + ") load " + answer.load() + " body", answer.body());
                }
            }
            for (String fault : List.of("truncate", "drip=300ms")) {
                for (String[] variant : List.of(variants().get(0), variants().get(variants().size() - 1))) {
                    String path = variant[0] + (variant[0].contains("?") ? "&" : "?") + "fault=" + fault;
                    Answer answer = fetch(lab, path, variant[1]);
                    digests.saw(path + " (" + variant[1] + ") load " + answer.load() + " body", answer.body());
                }
            }
        }
        digests.assertAllAsRecorded();
    }

    private record Answer(byte[] head, byte[] body, long load) {
    }

    /** The response on a connection of its own: its head without the Date, its body up to its length or the server's close. */
    private static Answer fetch(TestLab lab, String path, String acceptLanguage) throws Exception {
        try (RawConnection connection = lab.connect()) {
            connection.send("GET " + path + " HTTP/1.1\r\nHost: lab\r\nAccept-Language: " + acceptLanguage
                    + "\r\n\r\n");
            String head = DATE.matcher(connection.readHead()).replaceAll("");
            Matcher length = CONTENT_LENGTH.matcher(head);
            assertTrue(length.find(), path + ": a Content-Length in " + head);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; body.size() < Integer.parseInt(length.group(1)) && (n = connection.readSome(buffer)) != -1; ) {
                body.write(buffer, 0, n);
            }
            Matcher load = Pattern.compile("\\?load=(\\d+)").matcher(body.toString(StandardCharsets.UTF_8));
            assertTrue(load.find(), path + ": a page with its load id");
            return new Answer(head.getBytes(StandardCharsets.ISO_8859_1), body.toByteArray(), Long.parseLong(load.group(1)));
        }
    }
}
