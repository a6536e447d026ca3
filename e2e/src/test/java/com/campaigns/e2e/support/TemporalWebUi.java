package com.campaigns.e2e.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dev server's Web UI (a single-page app) as ops use it, through stable hooks: the UI's {@code
 * data-testid} attributes, URLs with the workflow id, link and button texts. Every wait is an
 * explicit wait on what the page shows.
 */
public final class TemporalWebUi {

  private final Browser browser;
  private final String base;

  public TemporalWebUi(Browser browser, String base) {
    this.browser = browser;
    this.base = base;
  }

  public Browser browser() {
    return browser;
  }

  /**
   * The workflow list filtered by a visibility query, reloaded until {@code workflowId} is listed
   * (the list does not refresh by itself).
   */
  public void listWorkflows(String query, String workflowId) {
    String url =
        base
            + "/namespaces/default/workflows?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      browser.open(url);
      try {
        browser.waitFor(
            "the list filtered by " + query + " shows " + workflowId,
            Duration.ofSeconds(15),
            d ->
                d.findElements(By.linkText(workflowId)).stream().anyMatch(WebElement::isDisplayed));
        return;
      } catch (org.openqa.selenium.TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Opens a workflow from the list by its id (a link), as ops would. */
  public void openFromList(String workflowId) {
    browser.click(browser.visible("link " + workflowId, By.linkText(workflowId)));
    awaitWorkflowPage(workflowId);
  }

  /** {@code /namespaces/default/workflows/<id>}: the UI redirects to the latest run. */
  public void openWorkflow(String workflowId) {
    browser.open(base + "/namespaces/default/workflows/" + workflowId);
    awaitWorkflowPage(workflowId);
  }

  private void awaitWorkflowPage(String workflowId) {
    By heading = By.cssSelector("[data-testid=workflow-id-heading]");
    browser.waitFor(
        "the page of " + workflowId,
        d -> d.findElements(heading).stream().anyMatch(h -> h.getText().contains(workflowId)));
  }

  /**
   * Opens a tab of the workflow's page, reloading it until the tab shows every fragment (tabs such
   * as Pending Activities do not refresh by themselves).
   */
  public void openTabShowing(String workflowId, String tabTestId, String... fragments) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      openWorkflow(workflowId);
      tab(tabTestId);
      try {
        browser.waitFor(
            "tab " + tabTestId + " of " + workflowId + " showing " + java.util.List.of(fragments),
            Duration.ofSeconds(10),
            d -> {
              String text = d.findElement(By.tagName("body")).getText();
              return java.util.Arrays.stream(fragments).allMatch(text::contains);
            });
        return;
      } catch (org.openqa.selenium.TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /**
   * Clicks a tab of the workflow page: timeline-tab, history-tab, pending-activities-tab,
   * user-metadata-tab.
   */
  public void tab(String testId) {
    By tab = By.cssSelector("[data-testid=" + testId + "]");
    browser.click(browser.visible("tab " + testId, tab));
    browser.waitFor(
        "tab " + testId + " selected",
        d ->
            d.findElements(tab).stream()
                .anyMatch(t -> "true".equals(t.getAttribute("aria-selected"))));
  }

  /**
   * Queries tab: runs the workflow's {@code status} query (the UI preselects it) and waits for its
   * answer.
   */
  public void runStatusQuery(String... expected) {
    tab("queries-tab");
    browser.waitFor(
        "query type status selected",
        d ->
            d.findElements(By.cssSelector("input[data-testid=query-select]")).stream()
                .anyMatch(i -> "status".equals(i.getDomProperty("value"))));
    browser.click(
        browser.visible("Run Query", By.xpath("//button[normalize-space(.)='Run Query']")));
    browser.waitForText("the status query's answer", expected);
  }

  /** The Event History in its compact form (one line per activity or timer, with its summary). */
  public void compactHistory() {
    tab("history-tab");
    browser.click(browser.visible("Compact", By.xpath("//button[normalize-space(.)='Compact']")));
  }

  /** Scrolls so that the section headed {@code title} (Timeline, Event History) is at the top. */
  public void scrollToSection(String title) {
    WebElement heading =
        browser.visible(
            "section " + title,
            By.xpath(
                "//h2[normalize-space(.)='"
                    + title
                    + "'] | //h2[starts-with(normalize-space(.), '"
                    + title
                    + "')]"));
    browser.script(
        "arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -70);", heading);
  }

  /**
   * Waits until the timeline shows a timer whose summary starts with {@code summaryPrefix} as
   * started and not yet fired (the UI labels its bar "…: Started" until it fires or is cancelled).
   */
  public WebElement pendingTimer(String summaryPrefix) {
    return browser.visible(
        "pending timer '" + summaryPrefix + "…' in the timeline",
        By.xpath(
            "//button[contains(@class, 'event') and substring(@aria-label, string-length(@aria-label) - 8) = ': Started']"
                + "[.//span[starts-with(normalize-space(.), '"
                + summaryPrefix
                + "')]]"));
  }

  /**
   * More Actions → Send a Signal: picks {@code name} among the workflow's signals and types the
   * JSON input.
   */
  public void fillSignal(String name, String json) {
    browser.click(
        browser.visible(
            "More Actions", By.xpath("//button[contains(normalize-space(.), 'More Actions')]")));
    browser.click(browser.visible("Send a Signal", By.cssSelector("[data-testid=signal-button]")));
    browser.click(
        browser.visible(
            "signal name select", By.cssSelector("[data-testid=signal-select-button]")));
    browser.click(
        browser.visible(
            "signal " + name + " in the list",
            By.xpath(
                "//ul[@id='signal-select-select']//li[.//span[normalize-space(text())='"
                    + name
                    + "']]")));
    WebElement data =
        browser.visible(
            "signal input editor", By.cssSelector("#signal-confirmation-modal .cm-content"));
    browser.click(data);
    data.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    data.sendKeys(json);
    browser.waitFor(
        "the signal input reads " + json,
        d -> data.getText().replaceAll("\\s", "").equals(json.replaceAll("\\s", "")));
  }

  /** Submits the signal dialog and waits for the UI's confirmation. */
  public void submitSignal() {
    WebElement submit =
        browser.visible("Submit", By.cssSelector("#signal-confirmation-modal button[type=submit]"));
    browser.waitFor("Submit enabled", d -> submit.isEnabled());
    browser.click(submit);
    browser.waitForText("the signal was sent", "Workflow signaled");
  }

  /**
   * This browser's own codec endpoint, overriding the server's (the UI's data encoder settings keep
   * it in local storage); {@code null} goes back to the server's.
   */
  public void overrideCodecEndpoint(String endpoint) {
    browser.open(base + "/namespaces/default/workflows");
    if (endpoint == null) {
      browser.script(
          "localStorage.removeItem('endpoint'); localStorage.removeItem('overrideRemoteCodecConfiguration');");
    } else {
      browser.script(
          "localStorage.setItem('endpoint', JSON.stringify(arguments[0]));"
              + " localStorage.setItem('overrideRemoteCodecConfiguration', 'true');",
          endpoint);
    }
  }
}
