package io.vigil.gateway.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by Selenium.
 * A missing browser fails the test with the packages to install; nothing is downloaded.
 */
final class Browser implements AutoCloseable {
  static final Path SHOTS = Path.of("target", "dashboard-screenshots");
  private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
  private static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
  final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  static Browser start() throws IOException {
    if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
      throw new IllegalStateException("headless browser missing: " + CHROMIUM + " and " + DRIVER
          + " are needed (apt-get install chromium chromium-driver; CHROMIUM_BIN / CHROMEDRIVER_BIN point to others)");
    }
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,800", "--hide-scrollbars", "--no-first-run", "--disable-extensions");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort().withLogFile(SHOTS.resolve("chromedriver.log").toFile()).build();
    return new Browser(new ChromeDriver(service, options));
  }

  WebElement find(String css) {
    return until(d -> {
      var found = d.findElements(By.cssSelector(css));
      return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }, "element " + css);
  }

  /**
   * Opens {@code url} and waits for {@code readyCss}; loads it again (up to three times) when the page did
   * not start, since Chromium aborts module loads with ERR_NETWORK_CHANGED when this shared machine's
   * interfaces change.
   */
  void open(String url, String readyCss) {
    for (int attempt = 1; ; attempt++) {
      driver.get(url);
      try {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
          var found = d.findElements(By.cssSelector(readyCss));
          return !found.isEmpty() && found.get(0).isDisplayed();
        });
        return;
      } catch (TimeoutException e) {
        if (attempt == 3) {
          find(readyCss);
        }
        driver.navigate().refresh();
      }
    }
  }

  /** Clicks the element, finding it again when a live refresh replaced it between finding and clicking. */
  void click(String css) {
    until(d -> {
      try {
        var found = d.findElements(By.cssSelector(css));
        if (found.isEmpty() || !found.get(0).isDisplayed() || !found.get(0).isEnabled()) {
          return null;
        }
        found.get(0).click();
        return true;
      } catch (StaleElementReferenceException e) {
        return null;
      }
    }, "a clickable " + css);
  }

  /** The element's text now, read again if a live refresh replaced the element meanwhile. */
  String textOf(String css) {
    return until(d -> d.findElement(By.cssSelector(css)).getText(), "the text of " + css);
  }

  /** Waits for the element's text to contain {@code text}. */
  WebElement text(String css, String text) {
    return until(d -> {
      var found = d.findElements(By.cssSelector(css));
      return !found.isEmpty() && found.get(0).getText().contains(text) ? found.get(0) : null;
    }, "text '" + text + "' in " + css);
  }

  /** Waits up to 15 s; on a time-out the page, its console and a screenshot are kept for the report. */
  <T> T until(Function<WebDriver, T> condition, String what) {
    try {
      // Live refreshes replace elements at any time: a stale one is looked up again on the next poll.
      return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (TimeoutException e) {
      StringBuilder console = new StringBuilder();
      driver.manage().logs().get(LogType.BROWSER).forEach(entry -> console.append(entry).append('\n'));
      try {
        shot("failure");
        Files.writeString(SHOTS.resolve("failure.html"), driver.getPageSource());
      } catch (IOException | RuntimeException ignored) {
        // the diagnosis below is still reported
      }
      throw new AssertionError("timed out waiting for " + what + " at " + driver.getCurrentUrl() + "; console:\n" + console, e);
    }
  }

  /**
   * Sets the viewport to {@code width} x {@code height} CSS pixels through the DevTools protocol: a window
   * cannot be made narrower than 500 px, a phone is 390.
   */
  void size(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
        "deviceScaleFactor", 1, "mobile", width < 600));
  }

  /** How far the page is wider than the viewport, in CSS pixels (0 when nothing scrolls sideways). */
  long overflowX() {
    return (Long) driver.executeScript(
        "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
  }

  /** A screenshot of the viewport under target/dashboard-screenshots/{name}.png. */
  Path shot(String name) throws IOException {
    Path target = SHOTS.resolve(name + ".png");
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
