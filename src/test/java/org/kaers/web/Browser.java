package org.kaers.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium and chromedriver; {@code .ci/run} installs them) for a test class, with
 * the flags a closed network needs, a fresh profile, and the helpers the page tests share: sign in, fill a field,
 * the axe-core check (no serious or critical violation), screenshots for the README (docs/screenshots).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final String base;
    private final Path profile;

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    static Browser start() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        try {
            Path profile = Files.createTempDirectory("kaers-chromium");
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--window-size=1280,1100",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
            int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
            return new Browser(driver, "http://localhost:" + port, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Signs in with the local sign-in as {@code name} with the roles (a fresh session). */
    void signIn(String name, String... roles) {
        driver.manage().deleteAllCookies();
        open("/sign-in");
        driver.findElement(By.id("name")).sendKeys(name);
        for (String role : roles) {
            driver.findElement(By.id("role-" + role)).click();
        }
        driver.findElement(By.cssSelector("form[action='/sign-in'] button[type=submit]"))
                .click();
        waitFor(By.cssSelector(".who strong"));
        assertThat(driver.findElement(By.cssSelector(".who strong")).getText()).isEqualTo(name);
    }

    WebElement waitFor(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            // Say what the page showed instead: a test failure should explain itself.
            String text = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError(
                    "waited 30 s for " + by + " on " + driver.getCurrentUrl() + "; the page says: "
                            + text.substring(0, Math.min(text.length(), 2000)),
                    e);
        }
    }

    /** The input, select or textarea of a form field, by its name (the API's JSON path). */
    WebElement field(String name) {
        return driver.findElement(By.name(name));
    }

    void type(String name, String value) {
        WebElement field = field(name);
        field.clear();
        field.sendKeys(value);
    }

    void choose(String name, String value) {
        new Select(field(name)).selectByValue(value);
    }

    /** axe-core (WCAG 2.1 A and AA rules): no violation of serious or critical impact on the page as it is. */
    void assertAccessible(String page) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(driver);
        List<String> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe)
                .toList();
        assertThat(serious).as("serious accessibility violations on " + page).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget()))
                        .limit(5)
                        .toList();
    }

    /** A screenshot of the whole page, for the README. */
    void screenshot(String name) {
        try {
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int)
                    Math.min(height + 40, 4000)));
            Path file = Path.of("docs", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1100));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
