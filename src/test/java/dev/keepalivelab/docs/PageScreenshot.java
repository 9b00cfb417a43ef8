package dev.keepalivelab.docs;

import dev.keepalivelab.support.HeadlessChromium;
import dev.keepalivelab.support.TestLab;
import org.openqa.selenium.Dimension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes the READMEs' screenshots, docs/images/page.png (English) and page.zh-CN.png (Chinese): the embedded lab at its
 * defaults, its page rendered by headless Chromium once the connection map is drawn, from the top to the map's end.
 * Run by src/docs/screenshot.sh.
 */
public final class PageScreenshot {
    static final Path IMAGES = Path.of("docs/images");
    static final int WIDTH = 1100;
    static final String MAP_BOTTOM = "return Math.ceil(document.querySelector('.map').getBoundingClientRect().bottom"
            + " + window.scrollY + 16);";
    static final String WINDOW_CHROME = "return window.outerHeight - window.innerHeight;";

    private PageScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        try (TestLab lab = TestLab.start(Map.of())) {
            shoot(lab, "en", IMAGES.resolve("page.png"));
            shoot(lab, "zh-CN", IMAGES.resolve("page.zh-CN.png"));
        }
    }

    static void shoot(TestLab lab, String language, Path png) throws Exception {
        Path profile = Files.createTempDirectory("keepalive-lab-screenshot");
        try (HeadlessChromium browser = HeadlessChromium.start(profile, "--lang=" + language, "--accept-lang=" + language,
                "--hide-scrollbars")) {
            String map = browser.open("http://127.0.0.1:" + lab.port() + "/");
            if (!map.equals("true")) {
                throw new IllegalStateException("the page's connection map was not drawn: " + map);
            }
            long height = (Long) browser.script(MAP_BOTTOM) + (Long) browser.script(WINDOW_CHROME);
            browser.driver().manage().window().setSize(new Dimension(WIDTH, (int) height));
            browser.screenshotTo(png);
            System.out.println("wrote " + png);
        }
    }
}
