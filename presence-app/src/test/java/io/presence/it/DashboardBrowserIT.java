package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presence.testkit.SharedKafka;
import io.presence.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) opens it,
 * a second page brings a user online through {@code presence.js} over the gateway's socket, and the dashboard's count,
 * live feed and lookup show it. Skipped where Chromium is not installed; {@code .ci/run} installs it.
 */
@ExtendWith(SharedKafka.class)
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(4);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Where the screenshot is saved; the README shows a copy of it. */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard.png");

    private static PresenceSystem system;
    private static WebDriver browser;
    private static Path browserFiles;

    @BeforeAll
    static void start(SharedKafka.Broker broker) {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and its driver are not installed (apt-get install chromium chromium-driver)");
        system = new PresenceSystem(broker.bootstrapServers(), OFFLINE_AFTER);
        // Chromium writes its profile and its singleton socket into the temporary folder: ours, deleted afterwards.
        browserFiles = TempDirs.create("presence-it-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--window-size=1280,1000",
                        "--user-data-dir=" + browserFiles.resolve("profile"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", browserFiles.toString()))
                .build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
        if (browserFiles != null) {
            TempDirs.delete(browserFiles);
        }
    }

    @Test
    void shouldShowAUserComingOnlineThroughPresenceJsInTheCountTheFeedAndTheLookup() throws IOException {
        String user = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        String reader = system.token("dashboard", Set.of("presence:read"));
        browser.get(system.queryUrl("/#token=" + reader));
        String dashboard = browser.getWindowHandle();
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(page -> text("connection").equals("live"));
        wait.until(page -> text("online-now").matches("\\d+"));
        int before = Integer.parseInt(text("online-now"));

        browser.switchTo().newWindow(WindowType.TAB);
        // Any http page will do as the application's page; an about:blank tab may not load scripts from the network.
        browser.get(system.gatewayUrl("/health/live"));
        Object acknowledged =
                ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const script = document.createElement("script");
                script.src = arguments[0] + "/presence.js";
                const token = arguments[1];
                const seen = [];
                script.onerror = () => done("presence.js did not load");
                script.onload = () => {
                  const me = Presence.keepOnline({ token: token });
                  me.addEventListener("state", (e) => seen.push(e.detail.state + " " + e.detail.reason));
                  me.addEventListener("problem", (e) => seen.push(JSON.stringify(e.detail)));
                  me.addEventListener("heartbeat", (e) => done(e.detail.user_id), { once: true });
                  setTimeout(() => done("no acknowledgement; saw: " + seen.join("; ")), 15000);
                };
                document.head.appendChild(script);
                """, system.gatewayUrl(""), system.token(user));
        assertThat(acknowledged)
                .as("presence.js got the gateway's acknowledgement")
                .isEqualTo(user);

        browser.switchTo().window(dashboard);
        wait.until(page -> text("feed").contains(user + " online"));
        wait.until(page -> Integer.parseInt(text("online-now")) > before);
        browser.findElement(By.id("lookup-input")).sendKeys(user);
        browser.findElement(By.cssSelector("#lookup-form button")).click();
        wait.until(page -> text("lookup-result").contains(user + " is online"));
        assertThat(text("cluster")).contains(system.queryUrl("").replace("http://", ""));

        Files.createDirectories(SCREENSHOT.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }
}
