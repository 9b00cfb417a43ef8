package dev.keepalivelab.lab;

import dev.keepalivelab.lab.page.DemoPage;
import dev.keepalivelab.lab.page.LabContent;
import dev.keepalivelab.lab.page.PageLanguage;
import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.support.RecordedDigests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every variant of the page (both languages, chosen by {@code ?lang=} or not, under each override) is the recorded page
 * at load ids whose digits differ in number, up to one of eleven digits.
 */
class PageBytesTest {
    static final List<Long> LOAD_IDS = List.of(1L, 9L, 10L, 12345678901L);

    @Test
    void everyVariantAtEveryLoadIdIsTheRecordedPage() throws Exception {
        RecordedDigests digests = RecordedDigests.of("/dev/keepalivelab/page-bytes-rendered.txt");
        DemoPage page = new DemoPage(LabSettings.defaults(), LabContent.IMAGE_NAMES);
        List<Optional<ConnectionPolicy>> overrides = new ArrayList<>(List.of(Optional.empty()));
        for (ConnectionPolicy policy : ConnectionPolicy.values()) {
            overrides.add(Optional.of(policy));
        }
        for (PageLanguage language : PageLanguage.values()) {
            for (boolean chosen : List.of(false, true)) {
                for (Optional<ConnectionPolicy> override : overrides) {
                    for (long load : LOAD_IDS) {
                        digests.saw(language.tag() + (chosen ? " chosen" : "") + " " + override.map(ConnectionPolicy::value).orElse("-")
                                + " load " + load, new ResponseBody.Spliced(page.segments(override, language, chosen), DemoPage.loadId(load)).toByteArray());
                    }
                }
            }
        }
        digests.assertAllAsRecorded();
    }
}
