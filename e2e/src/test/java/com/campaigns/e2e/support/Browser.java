package com.campaigns.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through Debian's chromedriver (no browser or driver download:
 * the driver path is given explicitly and SE_OFFLINE/SE_AVOID_STATS keep Selenium Manager quiet).
 * Every step can be saved as a screenshot; {@link #close()} saves the last page too, so a failing
 * test leaves a picture of what the browser showed.
 */
public final class Browser implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final ChromeDriver driver;
  private final Path screenshots;
  private final String prefix;
  private int shots;

  private Browser(ChromeDriver driver, Path screenshots, String prefix) {
    this.driver = driver;
    this.screenshots = screenshots;
    this.prefix = prefix;
  }

  /**
   * Starts Chromium with a fresh profile under {@code work}; screenshots go to {@code screenshots}.
   */
  public static Browser start(Path work, Path screenshots, String prefix) {
    String chromedriver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    if (!Files.isExecutable(Path.of(chromedriver))) {
      throw new IllegalStateException(
          "chromedriver not found at "
              + chromedriver
              + ": install Debian's "
              + "chromium, chromium-driver and fonts-wqy-microhei (./campaigns test does)");
    }
    try {
      Files.createDirectories(screenshots);
      Path profile = Files.createTempDirectory(Files.createDirectories(work), "chromium-profile-");
      ChromeOptions options = new ChromeOptions();
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--user-data-dir=" + profile,
          "--window-size=1600,1100",
          "--lang=en-US",
          "--force-device-scale-factor=1");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(Path.of(chromedriver).toFile())
              .withLogFile(work.resolve("chromedriver.log").toFile())
              // The Web UI shows "local" times: make them China's, like the campaigns' own times.
              .withEnvironment(java.util.Map.of("TZ", "Asia/Shanghai"))
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(WAIT);
      return new Browser(driver, screenshots, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  /** Waits (up to a minute) until {@code condition} gives a non-null, non-false value. */
  public <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return waitFor(what, WAIT, condition);
  }

  public <T> T waitFor(String what, Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(250))
        .withMessage(what)
        .until(condition);
  }

  /** The first visible element matching {@code by}, waited for. */
  public WebElement visible(String what, By by) {
    return waitFor(
        what,
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** The page's visible text. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /**
   * The visible text of the page's iframes (the Web UI renders markdown, such as a workflow's
   * details, in one).
   */
  public String framesText() {
    StringBuilder text = new StringBuilder();
    for (WebElement frame : driver.findElements(By.tagName("iframe"))) {
      try {
        driver.switchTo().frame(frame);
        text.append(driver.findElement(By.tagName("body")).getText()).append('\n');
      } catch (RuntimeException e) {
        // A frame that is being replaced: the next poll reads the new one.
      } finally {
        driver.switchTo().defaultContent();
      }
    }
    return text.toString();
  }

  /** Waits until the visible text of the page's iframes contains every one of {@code fragments}. */
  public void waitForFrameText(String what, String... fragments) {
    waitFor(
        what + ": frame text containing " + List.of(fragments),
        d -> {
          String text = framesText();
          for (String f : fragments) {
            if (!text.contains(f)) {
              return null;
            }
          }
          return true;
        });
  }

  /** Waits until the page's visible text contains every one of {@code fragments}. */
  public void waitForText(String what, String... fragments) {
    waitFor(
        what + ": page text containing " + List.of(fragments),
        d -> {
          String text = d.findElement(By.tagName("body")).getText();
          for (String f : fragments) {
            if (!text.contains(f)) {
              return null;
            }
          }
          return true;
        });
  }

  public void click(WebElement element) {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Saves a numbered PNG of the viewport ({@code <prefix>-NN-<name>.png}) and returns its path. The
   * mouse is moved to an empty spot of the top bar first, so no tooltip hides the content.
   */
  public Path screenshot(String name) {
    shots++;
    try {
      new Actions(driver).moveToLocation(900, 20).perform();
    } catch (RuntimeException e) {
      // A page still loading may refuse the move; the picture is taken anyway.
    }
    Path file = screenshots.resolve(String.format("%s-%02d-%s.png", prefix, shots, name));
    try {
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException | RuntimeException e) {
      System.err.println("screenshot " + file + " not saved: " + e);
    }
    return file;
  }

  @Override
  public void close() {
    try {
      screenshot("last");
    } finally {
      driver.quit();
    }
  }
}
