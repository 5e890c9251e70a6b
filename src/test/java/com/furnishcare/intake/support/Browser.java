package com.furnishcare.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through its chromedriver: the page as a homeowner's phone or desktop
 * shows it. Screenshots go to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

  public static final Dimension PHONE = new Dimension(360, 740);
  public static final Dimension DESKTOP = new Dimension(1280, 800);

  private final ChromeDriver driver;

  public Browser(Dimension size) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary("chromium", "/usr/bin/chromium"));
    // The page's console (errors, Content-Security-Policy violations) for browserLog().
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=" + size.width + "," + size.height, "--lang=zh-CN");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(binary("chromedriver", "/usr/bin/chromedriver")).toFile())
        .usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(size);
  }

  private static String binary(String name, String usual) {
    if (Files.isExecutable(Path.of(usual))) {
      return usual;
    }
    throw new IllegalStateException(name + " is not installed at " + usual
        + "; scripts/test-all.sh installs chromium and chromium-driver");
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits (up to 15 s) until the condition holds; the message says what was awaited. */
  public void until(String what, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(what).until(d -> condition.getAsBoolean());
  }

  /** The browser console's entries since the last call, as "LEVEL message" (CSP violations are SEVERE). */
  public List<String> browserLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map((LogEntry e) -> e.getLevel() + " " + e.getMessage()).toList();
  }

  public void screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
