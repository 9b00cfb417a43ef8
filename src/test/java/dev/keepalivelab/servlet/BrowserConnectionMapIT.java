package dev.keepalivelab.servlet;

import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.HeadlessChromium;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium (Debian's chromium and chromium-driver, nothing downloaded) loads the demo page from the
 * embedded lab; the page's own connection map and the server's record must agree with what keep-alive and
 * close mean. Screenshots go to target/screenshots/ for a person to look at.
 */
class BrowserConnectionMapIT {
    static final int CHROMIUM_CONNECTIONS_PER_HOST = 6;
    static final int IMAGES = 20;

    TestLab lab;
    HeadlessChromium browser;
    Path profile;

    @BeforeEach
    void start(@TempDir Path profile) throws Exception {
        this.profile = profile;
        browser = HeadlessChromium.start(profile);
        lab = TestLab.start(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void keepAliveCarriesThePageLoadOverAtMostSixConnections() throws Exception {
        PageLoad load = loadPage("/", "keep-alive");
        assertTrue(load.serverConnections() >= 1 && load.serverConnections() <= CHROMIUM_CONNECTIONS_PER_HOST,
                load.serverConnections() + " connections for one page load");
        assertEquals(IMAGES + " images over " + load.mapConnections()
                + (load.mapConnections() == 1 ? " connection" : " connections") + " (HTTP/1.1)", load.verdict());
        assertTrue(load.mapConnections() <= CHROMIUM_CONNECTIONS_PER_HOST, load.verdict());
        assertBrowserLineAccountsForEveryImage(load.browserLine(), true, BrowserLine.ENGLISH);
    }

    @Test
    void closeGivesEveryImageItsOwnConnection() throws Exception {
        PageLoad load = loadPage("/?connection=close", "close");
        assertEquals(IMAGES + 1, load.serverConnections(), "the page and every image on a connection of its own");
        assertEquals(IMAGES + " images over " + IMAGES + " connections (HTTP/1.1): every image paid for a new TCP handshake",
                load.verdict());
        assertBrowserLineAccountsForEveryImage(load.browserLine(), false, BrowserLine.ENGLISH);
    }

    /**
     * The page's own close link after a keep-alive load: Chromium sends some of the new load's requests on connections
     * the first load left open, so the verdict counts those as kept, not as new handshakes, exactly as the record does.
     */
    @Test
    void closeAfterKeepAliveSaysWhichImagesCameOnConnectionsKeptFromBefore() throws Exception {
        loadPage("/", "keep-alive-before-close");
        PageLoad close = loadPage("/?connection=close", "close-after-keep-alive");
        int kept = imagesOnKeptConnections(close.load());
        assertEquals(IMAGES + " images over " + IMAGES + " connections (HTTP/1.1)" + (kept == 0
                ? ": every image paid for a new TCP handshake"
                : ": " + kept + (kept == 1 ? " image came" : " images came") + " on a connection kept open from before"), close.verdict());
    }

    /** An image that does not arrive whole (truncated by a fault) is not counted as carried: the verdict says it is missing. */
    @Test
    void theVerdictCountsTheImagesThatDidNotArrive() throws Exception {
        lab.close();
        lab = TestLab.start(Map.of("fault", "truncate", "faultOn", "paths=/test2.jpg"));
        assertEquals("true", browser.open("http://127.0.0.1:" + lab.port() + "/"), "the map is drawn");
        browser.screenshot("connection-map-an-image-missing");
        String verdict = browser.text(By.id("verdict"));
        assertTrue(verdict.endsWith("; 1 of " + IMAGES + " images did not arrive"), verdict);
    }

    /** A browser whose language is Simplified Chinese gets the page, verdicts included, in Chinese. */
    @Test
    void aChineseBrowserReadsBothVerdictsInChinese() throws Exception {
        browser.close();
        browser = HeadlessChromium.start(profile.resolve("zh-CN"), "--lang=zh-CN", "--accept-lang=zh-CN");
        // Close first: a connection kept open by a keep-alive load would otherwise carry images of the close one.
        PageLoad close = loadPage("/?connection=close", "close-zh-CN");
        assertEquals("zh-CN", browser.script("return document.documentElement.lang;"));
        assertEquals(IMAGES + 1, close.serverConnections(), "the page and every image on a connection of its own");
        assertEquals(IMAGES + " 张图片经由 " + IMAGES + " 个连接传输（HTTP/1.1）：每张图片都新建了连接，付出一次 TCP 三次握手",
                close.verdict());
        assertBrowserLineAccountsForEveryImage(close.browserLine(), false, BrowserLine.CHINESE);

        PageLoad keepAlive = loadPage("/", "keep-alive-zh-CN");
        assertEquals(IMAGES + " 张图片经由 " + keepAlive.mapConnections() + " 个连接传输（HTTP/1.1）", keepAlive.verdict());
        assertTrue(keepAlive.mapConnections() <= CHROMIUM_CONNECTIONS_PER_HOST, keepAlive.verdict());
        assertBrowserLineAccountsForEveryImage(keepAlive.browserLine(), true, BrowserLine.CHINESE);
    }

    /** The map looks again while lanes are open: once the server's idle timeout closes them, each lane says so. */
    @Test
    void lanesShowTheIdleTimeoutEndingTheirConnections() throws Exception {
        lab.close();
        lab = TestLab.start(Map.of(), Duration.ofSeconds(2));
        loadPage("/", "keep-alive-idle-timeout-before");
        Await.until("every lane to show the idle timeout", Duration.ofSeconds(30), this::laneStates,
                states -> states.stream().allMatch(state -> state.equals("closed by the server (idle-timeout)")));
        browser.screenshot("connection-map-keep-alive-idle-timeout-after");
    }

    @SuppressWarnings("unchecked")
    List<String> laneStates() {
        return (List<String>) browser.script("return [...document.querySelectorAll('.lane .lane-state')].map((e) => e.textContent);");
    }

    /**
     * Resource Timing shows no connect time for an image on a reused connection nor for one on a socket Chromium
     * opened in advance, so even under close it may report fewer new connections than images: the line must say
     * what became of every other image, and under close none can have reused a connection.
     */
    static void assertBrowserLineAccountsForEveryImage(String line, boolean reuseAllowed, BrowserLine language) {
        int opened = countIn(line, language.opened());
        int reused = countIn(line, language.reused());
        int inAdvance = countIn(line, language.inAdvance());
        assertEquals(IMAGES, opened + reused + inAdvance, line);
        if (!reuseAllowed) {
            assertEquals(0, reused, line);
        }
    }

    /** How the browser's line says, in one language, how many images opened, reused or got in advance a connection. */
    record BrowserLine(String opened, String reused, String inAdvance) {
        static final BrowserLine ENGLISH = new BrowserLine("^Your browser reports (\\d+) new connections? for " + IMAGES + " images \\(",
                "(\\d+) images? reused a connection",
                "(\\d+) images? got a connection the browser had opened in advance \\(a preconnected socket shows no connect time\\)");
        static final BrowserLine CHINESE = new BrowserLine("^浏览器报告：为 " + IMAGES + " 张图片新建了 (\\d+) 个连接（",
                "(\\d+) 张图片复用了已有连接", "(\\d+) 张图片用上了浏览器预先打开的连接（预连接的套接字没有连接耗时）");
    }

    /** The number the pattern's group captures in {@code line}, or 0 when the line does not say it. */
    static int countIn(String line, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(line);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    record PageLoad(String verdict, String browserLine, int mapConnections, int serverConnections, String load) {
    }

    PageLoad loadPage(String path, String screenshotName) throws Exception {
        String ready = browser.open("http://127.0.0.1:" + lab.port() + path);
        assertEquals("true", ready, "the map failed: " + browser.text(By.id("verdict")));
        browser.screenshot("connection-map-" + screenshotName);
        String load = browser.bodyData("load");
        assertEquals(String.valueOf(IMAGES), browser.bodyData("images"));
        int mapConnections = Integer.parseInt(browser.bodyData("connections"));
        return new PageLoad(browser.text(By.id("verdict")), browser.text(By.id("browser")), mapConnections, serverConnections(load),
                load);
    }

    /** The images of this page load that came on a connection that had carried a request before, as the server recorded them. */
    int imagesOnKeptConnections(String load) throws Exception {
        try (RawConnection connection = lab.connect()) {
            Connections json = Connections.parse(connection.get("/connections?load=" + load).body());
            return (int) json.requests().stream().filter(r -> !r.path().equals("/") && r.index() > 1).count();
        }
    }

    /** The distinct connections that carried this page load's requests, as the server recorded them. */
    int serverConnections(String load) throws Exception {
        try (RawConnection connection = lab.connect()) {
            Connections json = Connections.parse(connection.get("/connections?load=" + load).body());
            assertEquals(IMAGES + 1, json.requests().size(), "the page and its images: " + json);
            return (int) json.requests().stream().map(Connections.Request::connection).distinct().count();
        }
    }
}
