package dev.keepalivelab.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.support.ExternalTool;
import dev.keepalivelab.support.RawConnection;
import dev.keepalivelab.support.TestLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final int CHROMIUM_CONNECTIONS_PER_HOST = 6;
    static final int IMAGES = 20;
    static final Duration MAP_WAIT = Duration.ofSeconds(90);

    TestLab lab;
    ChromeDriver browser;

    @BeforeEach
    void start(@TempDir Path profile) throws Exception {
        Path chromium = ExternalTool.require("chromium", "chromium");
        Path chromedriver = ExternalTool.require("chromedriver", "chromium-driver");
        lab = TestLab.start(Map.of());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1200,1900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
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
                + (load.mapConnections() == 1 ? " connection" : " connections"), load.verdict());
        assertTrue(load.mapConnections() <= CHROMIUM_CONNECTIONS_PER_HOST, load.verdict());
        assertBrowserLineAccountsForEveryImage(load.browserLine(), true);
    }

    @Test
    void closeGivesEveryImageItsOwnConnection() throws Exception {
        PageLoad load = loadPage("/?connection=close", "close");
        assertEquals(IMAGES + 1, load.serverConnections(), "the page and every image on a connection of its own");
        assertEquals(IMAGES + " images over " + IMAGES + " connections: every image paid for a new TCP handshake", load.verdict());
        assertBrowserLineAccountsForEveryImage(load.browserLine(), false);
    }

    /** The map looks again while lanes are open: once the server's idle timeout closes them, each lane says so. */
    @Test
    void lanesShowTheIdleTimeoutEndingTheirConnections() throws Exception {
        lab.close();
        lab = TestLab.start(Map.of(), Duration.ofSeconds(2));
        loadPage("/", "keep-alive-idle-timeout-before");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> states = laneStates();
        while (!states.stream().allMatch(state -> state.equals("closed by the server (idle-timeout)"))) {
            assertTrue(System.nanoTime() < deadline, "lanes never all showed the idle timeout: " + states);
            Thread.sleep(200);
            states = laneStates();
        }
        Files.write(SCREENSHOTS.resolve("connection-map-keep-alive-idle-timeout-after.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @SuppressWarnings("unchecked")
    List<String> laneStates() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('.lane .lane-state')].map((e) => e.textContent);");
    }

    /**
     * Resource Timing shows no connect time for an image on a reused connection nor for one on a socket Chromium
     * opened in advance, so even under close it may report fewer new connections than images: the line must say
     * what became of every other image, and under close none can have reused a connection.
     */
    static void assertBrowserLineAccountsForEveryImage(String line, boolean reuseAllowed) {
        int opened = countIn(line, "^Your browser reports (\\d+) new connections? for " + IMAGES + " images \\(");
        int reused = countIn(line, "(\\d+) images? reused a connection");
        int inAdvance = countIn(line, "(\\d+) images? got a connection the browser had opened in advance"
                + " \\(a preconnected socket shows no connect time\\)");
        assertEquals(IMAGES, opened + reused + inAdvance, line);
        if (!reuseAllowed) {
            assertEquals(0, reused, line);
        }
    }

    /** The number the pattern's group captures in {@code line}, or 0 when the line does not say it. */
    static int countIn(String line, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(line);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    record PageLoad(String verdict, String browserLine, int mapConnections, int serverConnections) {
    }

    PageLoad loadPage(String path, String screenshotName) throws Exception {
        browser.get("http://127.0.0.1:" + lab.port() + path);
        String ready = awaitMap();
        assertEquals("true", ready, "the map failed: " + browser.findElement(By.id("verdict")).getText());
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("connection-map-" + screenshotName + ".png"), browser.getScreenshotAs(OutputType.BYTES));

        String load = browser.findElement(By.tagName("body")).getDomAttribute("data-load");
        assertEquals(String.valueOf(IMAGES), browser.findElement(By.tagName("body")).getDomAttribute("data-images"));
        int mapConnections = Integer.parseInt(browser.findElement(By.tagName("body")).getDomAttribute("data-connections"));
        return new PageLoad(browser.findElement(By.id("verdict")).getText(), browser.findElement(By.id("browser")).getText(),
                mapConnections, serverConnections(load));
    }

    /** Polls the page's own state; the map is drawn once the images have loaded and /connections answered. */
    String awaitMap() throws InterruptedException {
        long deadline = System.nanoTime() + MAP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Object state = ((JavascriptExecutor) browser).executeScript("return document.body.dataset.mapReady || null;");
            if (state != null) {
                return state.toString();
            }
            Thread.sleep(50);
        }
        return "timed out after " + MAP_WAIT.toSeconds() + " s";
    }

    /** The distinct connections that carried this page load's requests, as the server recorded them. */
    int serverConnections(String load) throws Exception {
        try (RawConnection connection = lab.connect()) {
            JsonNode json = new ObjectMapper().readTree(connection.get("/connections?load=" + load).body());
            Set<String> labels = new HashSet<>();
            json.get("requests").forEach(r -> labels.add(r.get("connection").asText()));
            assertEquals(IMAGES + 1, json.get("requests").size(), "the page and its images: " + json);
            return labels.size();
        }
    }
}
