package com.campaigns.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Live progress of a campaign from its status document: one line per wave with a bar, the issue
 * rate and the issued/rejected counts, the budget, the live count at WeChat Pay (the sandbox), and
 * the campaign's history events as they happen. On a terminal the block is redrawn in place; in a
 * log (no terminal) events are printed as they come and the block at most every few seconds.
 */
final class ProgressView {

  private static final int BAR = 30;
  private static final Duration RATE_WINDOW = Duration.ofSeconds(5);
  private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

  private final PrintStream out;
  private final boolean terminal;
  private final Map<String, Deque<long[]>> samples = new HashMap<>();
  private int linesDrawn;
  private int historySeen;
  private String lastPlain = "";
  private long lastPlainAt;

  ProgressView(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Draws the status; {@code sandboxIssued} is the stock's coupon count at the sandbox or -1. */
  void update(JsonNode status, long sandboxIssued, long nowMillis, Duration elapsed) {
    List<String> events = newEvents(status);
    List<String> block = block(status, sandboxIssued, nowMillis, elapsed);
    if (terminal) {
      if (linesDrawn > 0) {
        out.print("\033[" + linesDrawn + "F\033[J");
      }
      events.forEach(out::println);
      block.forEach(out::println);
      linesDrawn = block.size();
    } else {
      events.forEach(out::println);
      String joined = String.join("\n", block).replaceAll("\\d+:\\d{2} elapsed", "");
      if (!joined.equals(lastPlain)
          && (nowMillis - lastPlainAt >= PLAIN_EVERY.toMillis() || !events.isEmpty())) {
        block.forEach(out::println);
        lastPlain = joined;
        lastPlainAt = nowMillis;
      }
    }
    out.flush();
  }

  /** Leaves the last block on screen; later output starts below it. */
  void finish() {
    linesDrawn = 0;
  }

  private List<String> newEvents(JsonNode status) {
    JsonNode history = status.path("history");
    List<String> lines = new ArrayList<>();
    if (history.size() < historySeen) {
      historySeen = 0;
    }
    for (int i = historySeen; i < history.size(); i++) {
      JsonNode h = history.get(i);
      lines.add(
          String.format(
              "  %s  %-20s %s",
              clock(h.path("at").asText()), h.path("event").asText(), h.path("detail").asText()));
    }
    historySeen = history.size();
    return lines;
  }

  List<String> block(JsonNode status, long sandboxIssued, long nowMillis, Duration elapsed) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    String stock =
        status.path("stock_id").isTextual()
            ? " · stock "
                + status.path("stock_id").asText()
                + " ("
                + status.path("stock_status").asText("?")
                + ")"
            : "";
    lines.add(
        String.format(
            "  %s · %s%s · %s",
            status.path("campaign_id").asText(),
            status.path("status").asText(),
            stock,
            clock(elapsed)));
    JsonNode budget = status.path("budget");
    double issuedPct = budget.path("issued_percent").asDouble();
    double usedPct = budget.path("used_percent").asDouble();
    lines.add(
        String.format(
            Locale.ROOT,
            "  budget   issued %s %5.1f%%   used %5.1f%% (%d used)   of %d fen",
            bar(issuedPct / 100),
            issuedPct,
            usedPct,
            status.path("used").path("count").asLong(),
            budget.path("max_amount").asLong()));
    for (JsonNode w : status.path("waves")) {
      String name = w.path("name").asText();
      long recipients = w.path("recipients").asLong();
      long issued = w.path("issued").asLong();
      long rejected = w.path("rejected").asLong();
      long failed = w.path("failed").asLong();
      long done = issued + rejected;
      double rate = rate("wave:" + name, issued, nowMillis);
      String waveStatus = w.path("status").asText();
      lines.add(
          String.format(
              Locale.ROOT,
              "  wave %-4s %-9s %s %5d/%-5d issued %5d  rejected %3d%s  %s",
              name,
              waveStatus,
              bar(recipients == 0 ? 0 : (double) done / recipients),
              done,
              recipients,
              issued,
              rejected,
              failed > 0 ? "  failed " + failed : "",
              "RUNNING".equals(waveStatus) ? String.format(Locale.ROOT, "%6.1f/s", rate) : ""));
    }
    if (sandboxIssued >= 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  WeChat Pay (sandbox) has issued %d coupons of this stock · %.1f/s",
              sandboxIssued,
              rate("sandbox", sandboxIssued, nowMillis)));
    }
    JsonNode rejected = status.path("rejected").path("by_code");
    if (rejected.size() > 0) {
      StringBuilder b = new StringBuilder("  rejected by WeChat Pay:");
      rejected
          .fields()
          .forEachRemaining(
              e -> b.append(' ').append(e.getKey()).append('=').append(e.getValue().asLong()));
      lines.add(b.toString());
    }
    JsonNode pause = status.path("pause");
    if (pause.isObject()) {
      lines.add(
          "  ⏸ paused: "
              + pause.path("reason").asText()
              + " — "
              + pause.path("detail").asText()
              + " (by "
              + pause.path("operator").asText()
              + ")");
    }
    return lines;
  }

  /** Coupons per second over the last few seconds of samples. */
  private double rate(String key, long value, long nowMillis) {
    Deque<long[]> q = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
    q.addLast(new long[] {nowMillis, value});
    while (q.size() > 2 && nowMillis - q.peekFirst()[0] > RATE_WINDOW.toMillis()) {
      q.removeFirst();
    }
    long[] first = q.peekFirst();
    long dt = nowMillis - first[0];
    return dt <= 0 ? 0 : Math.max(0, value - first[1]) * 1000.0 / dt;
  }

  static String bar(double fraction) {
    double f = Math.max(0, Math.min(1, fraction));
    int full = (int) Math.round(f * BAR);
    return "[" + "#".repeat(full) + ".".repeat(BAR - full) + "]";
  }

  private static String clock(String rfc3339) {
    int t = rfc3339.indexOf('T');
    return t >= 0 && rfc3339.length() >= t + 9 ? rfc3339.substring(t + 1, t + 9) : rfc3339;
  }

  private static String clock(Duration d) {
    return String.format("%02d:%02d elapsed", d.toMinutes(), d.toSecondsPart());
  }
}
