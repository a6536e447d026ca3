package com.campaigns.starter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestSandbox;
import com.campaigns.starter.TestTokens;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A marketer's session in the console, in headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}): a spec with mistakes is refused field by field, an audience is uploaded, the
 * fixed spec is started, progress updates on the open page, the campaign is paused and resumed with
 * the page's buttons, and it ends COMPLETED with a balanced report. Screenshots go to {@code
 * target/console-screenshots/}.
 */
@StackTest
// After waiting for a campaign's end, the shared Temporal test clock was found far ahead of the
// wall clock the API validates specs against (over 300 days; specs built from it then fail the
// 365-day rule): later classes get a fresh stack.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SHOTS = Paths.get("target", "console-screenshots");

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WorkflowClient client;

  ChromeDriver driver;
  Path profile;

  @BeforeAll
  void browser() throws Exception {
    assertThat(Files.isExecutable(CHROMEDRIVER))
        .as(
            "The console test drives headless Chromium through %s, which is missing. Install Debian's packages"
                + " chromium, chromium-driver and fonts-wqy-microhei (apt-get install -y chromium chromium-driver"
                + " fonts-wqy-microhei; the README's test command does).",
            CHROMEDRIVER)
        .isTrue();
    profile = Files.createTempDirectory("console-chromium-");
    ChromeOptions options =
        new ChromeOptions()
            .addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1440,1600",
                "--lang=en-US");
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
            options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void close() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void aMarketerCreatesStartsPausesResumesAndReadsTheReport() throws Exception {
    String id = "console-e2e";
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    ObjectNode spec =
        Specs.sample(
            id, now, Duration.ofMinutes(10), Duration.ofHours(2), Specs.openids("cvip-", 200));
    // A budget of 500 coupons, so the burn-down visibly falls towards the 80 % threshold.
    ((ObjectNode) spec.path("stock")).put("max_coupons", 500);
    ObjectNode all = spec.withArray("waves").addObject();
    all.put("name", "all");
    all.put("start_at", ShanghaiTime.rfc3339(now.plus(Duration.ofMinutes(40))));
    all.putObject("audience").putArray("openids").add("placeholder");

    // 0. The console asks for a token once; a wrong one is refused, the marketer's opens a session.
    open("/console/campaigns/new");
    assertThat(driver.getCurrentUrl()).endsWith("/console/login");
    driver.findElement(By.id("token")).sendKeys("not-a-token");
    click("#sign-in");
    await().atMost(Duration.ofSeconds(15)).until(() -> !elements("#login-error").isEmpty());
    driver.findElement(By.id("token")).sendKeys(TestTokens.MARKETER);
    click("#sign-in");
    // Back to the page first asked for (Spring Security adds "?continue" to a saved request's URL).
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> driver.getCurrentUrl().contains("/console/campaigns/new"));
    assertThat(text("#signed-in-as")).contains(TestTokens.MARKETER_NAME, "marketer");

    // 1. The new-campaign page starts from a valid sample; a spec with two mistakes is refused,
    // both shown.
    open("/console/campaigns/new");
    assertThat(value("#spec")).contains("\"stock_name\"", "春季满减券");
    ObjectNode wrong = spec.deepCopy();
    ((ObjectNode) wrong.path("stock")).put("stock_name", "春季_满减券");
    ((ObjectNode) wrong.path("stock")).put("coupon_amount", 5);
    setSpec(wrong.toPrettyString());
    click("#validate");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> elements("#violations tr.violation").size() >= 2);
    List<String> fields = new ArrayList<>();
    elements("#violations tr.violation").forEach(row -> fields.add(row.getAttribute("data-field")));
    assertThat(fields).contains("stock.stock_name", "stock.coupon_amount");
    assertThat(text("#violations")).contains("problem");
    shot("console-validation");

    // 2. Starting the wrong spec is refused the same way: nothing starts.
    click("#start");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> elements("#violations tr.violation").size() >= 2);
    assertThat(driver.getCurrentUrl()).endsWith("/console/campaigns/new");

    // 3. Upload the second wave's audience (with a duplicate and an invalid line) and use it.
    Path audience = Files.createTempFile("audience-", ".txt");
    List<String> lines = new ArrayList<>(Specs.openids("call-", 150));
    lines.add("call-0");
    lines.add("not an openid");
    Files.write(audience, lines);
    setSpec(spec.toPrettyString());
    driver.findElement(By.id("audience-file")).sendKeys(audience.toAbsolutePath().toString());
    click("#upload");
    await().atMost(Duration.ofSeconds(15)).until(() -> !elements("#audience-receipt").isEmpty());
    assertThat(text("#audience-receipt"))
        .contains("150 openids", "1 duplicates removed", "1 invalid lines");
    click("#use-audience");
    assertThat(value("#spec")).contains("\"audience_id\": \"aud-").doesNotContain("placeholder");

    // 4. Validate the fixed spec: the plan shows both waves.
    click("#validate");
    await().atMost(Duration.ofSeconds(15)).until(() -> !elements("#plan").isEmpty());
    assertThat(text("#plan")).contains("350 recipients", "vip", "all");
    shot("console-new");

    // 5. Start: the browser lands on the campaign's page.
    click("#start");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> driver.getCurrentUrl().endsWith("/console/campaigns/" + id));
    assertThat(text("h1")).contains(id, "春季满减券");
    assertThat(driver.findElement(By.id("temporal-link")).getAttribute("href"))
        .isEqualTo("http://127.0.0.1:8233/namespaces/default/workflows/campaign-" + id);

    // 6. Skip to the first wave; the open page follows on its own.
    env.sleep(Duration.ofMinutes(12));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> "200".equals(textOrNull("#issued")) && "RUNNING".equals(textOrNull("#status")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                textOrNull("#waves tr[data-wave='vip']") != null
                    && textOrNull("#waves tr[data-wave='vip']").contains("DONE"));

    // 7. Pause with a reason, then resume, with the page's buttons.
    driver.findElement(By.id("reason")).sendKeys("budget review");
    click("#pause");
    await().atMost(Duration.ofSeconds(60)).until(() -> "PAUSED".equals(textOrNull("#status")));
    assertThat(text("#pause-reason")).contains("MANUAL", "budget review", TestTokens.MARKETER_NAME);
    await().atMost(Duration.ofSeconds(10)).until(() -> textOrNull("#flash-message") != null);
    assertThat(text("#flash-message")).contains("paused");
    assertThat(driver.findElement(By.id("pause")).isEnabled()).isFalse();
    waitForCharts();
    shot("console-paused");

    String stockId = text("#stock-id");
    ApiClient sandbox = new ApiClient(TestSandbox.get().baseUrl());
    assertThat(
            sandbox
                .postJson("/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 30))
                .status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> "30".equals(textOrNull("#used")));

    click("#resume");
    await().atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(textOrNull("#status")));
    assertThat(driver.findElement(By.id("resume")).isEnabled()).isFalse();

    // 8. Let the campaign run to its end, the flow files and the reconciliation.
    StatusDocument done =
        client
            .newUntypedWorkflowStub("campaign-" + id)
            .getResult(3, TimeUnit.MINUTES, StatusDocument.class);
    assertThat(done.status().name()).isEqualTo("COMPLETED");
    await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(textOrNull("#status")));
    await().atMost(Duration.ofSeconds(30)).until(() -> textOrNull("#balanced") != null);
    assertThat(text("#balanced")).isEqualTo("balanced");
    assertThat(text("#report-totals")).contains("All waves", "vip", "all", "350");
    assertThat(text("#history")).contains("PAUSED", "RESUMED", "RECONCILED");
    assertThat(driver.findElement(By.id("live")).getAttribute("hx-trigger")).isNull();
    waitForCharts();
    shot("console-completed");

    // 9. The campaign list shows it; an unknown campaign is a readable 404 page.
    open("/console/campaigns");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> textOrNull("tr[data-campaign='" + id + "']") != null);
    assertThat(text("tr[data-campaign='" + id + "']")).contains("COMPLETED", stockId, "350");
    shot("console-list");
    open("/console/campaigns/no-such-campaign");
    assertThat(text("#error-message")).contains("no campaign no-such-campaign");
  }

  private void waitForCharts() {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              Object points =
                  ((JavascriptExecutor) driver)
                      .executeScript("return document.getElementById('charts').dataset.points");
              return points != null && Integer.parseInt(points.toString()) > 0;
            });
  }

  private void open(String path) {
    driver.get("http://127.0.0.1:" + port + path);
  }

  private void setSpec(String json) {
    ((JavascriptExecutor) driver)
        .executeScript(
            "arguments[0].value = arguments[1]", driver.findElement(By.id("spec")), json);
  }

  private void click(String css) {
    driver.findElement(By.cssSelector(css)).click();
  }

  private String value(String css) {
    return driver.findElement(By.cssSelector(css)).getDomProperty("value");
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText().strip();
  }

  /** The element's text, or null while it is absent or being swapped. */
  private String textOrNull(String css) {
    try {
      return text(css);
    } catch (NoSuchElementException | StaleElementReferenceException e) {
      return null;
    }
  }

  private List<WebElement> elements(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  private void shot(String name) throws Exception {
    File file = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(
        file.toPath(),
        SHOTS.resolve(name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
