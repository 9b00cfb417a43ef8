package dev.keepalivelab.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (nothing downloaded), with a profile of
 * its own and no background traffic, and the demo page's own readiness signal ({@code data-map-ready}).
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** Where a test keeps the net logs it has Chromium write ({@code --log-net-log}), for a person to look at. */
    public static final Path NET_LOGS = Path.of("target/net-logs");
    static final Duration MAP_WAIT = Duration.ofSeconds(90);

    private final ChromeDriver browser;

    private HeadlessChromium(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Starts Chromium with the profile directory {@code profile} and any {@code extraArguments}. */
    public static HeadlessChromium start(Path profile, String... extraArguments) {
        Path chromium = ExternalTool.require("chromium", "chromium");
        Path chromedriver = ExternalTool.require("chromedriver", "chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1200,1900"));
        arguments.addAll(List.of(extraArguments));
        options.addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return browser;
    }

    /** Opens {@code url} and waits for the page's connection map; returns its state ({@code true}, or why not). */
    public String open(String url) throws InterruptedException {
        browser.get(url);
        return awaitMap();
    }

    /** Polls the page's own state; the map is drawn once the images have loaded and /connections answered. */
    public String awaitMap() throws InterruptedException {
        Object state = Await.poll(MAP_WAIT, () -> script("return document.body.dataset.mapReady || null;"), Objects::nonNull).value();
        return state != null ? state.toString() : "timed out after " + MAP_WAIT.toSeconds() + " s";
    }

    public Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    public String text(By element) {
        return browser.findElement(element).getText();
    }

    public String bodyData(String attribute) {
        return browser.findElement(By.tagName("body")).getDomAttribute("data-" + attribute);
    }

    /** Saves what the page shows now as target/screenshots/{@code name}.png, for a person to look at. */
    public void screenshot(String name) throws IOException {
        screenshotTo(SCREENSHOTS.resolve(name + ".png"));
    }

    /** Saves what the page shows now as the PNG file {@code file}. */
    public void screenshotTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        browser.quit();
    }
}
