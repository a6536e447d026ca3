package com.campaigns.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Everything the demo is meant to show, checked on what a run observed. */
final class DemoChecks {

  private DemoChecks() {}

  /** Everything the demo is meant to show, each as a failure message when it did not happen. */
  static List<String> check(DemoScenario scenario, Observed seen) {
    List<String> failures = new ArrayList<>();
    JsonNode status = seen.finalStatus;
    JsonNode report = seen.report;
    if (!"COMPLETED".equals(status.path("status").asText())) {
      failures.add("the campaign is " + status.path("status").asText() + ", not COMPLETED");
    }
    if (!report.path("balanced").asBoolean(false)) {
      failures.add(
          "the reconciliation report does not balance: "
              + report.path("mismatches").size()
              + " mismatch(es), e.g. "
              + (report.path("mismatches").size() > 0
                  ? DemoCommand.oneLine(report.path("mismatches").get(0))
                  : "-"));
    }
    long recipients = 0;
    for (JsonNode w : status.path("waves")) {
      recipients += w.path("recipients").asLong();
      if (!"DONE".equals(w.path("status").asText())) {
        failures.add(
            "wave " + w.path("name").asText() + " is " + w.path("status").asText() + ", not DONE");
      }
    }
    if (status.path("waves").size() < 2 || recipients < 1000) {
      failures.add(
          "expected at least 2 waves and 1000 recipients, got "
              + status.path("waves").size()
              + " and "
              + recipients);
    }
    long issued = status.path("issued").path("count").asLong();
    if (issued != scenario.expectedIssued()) {
      failures.add(
          "issued "
              + issued
              + " coupons, expected "
              + scenario.expectedIssued()
              + " (every recipient but "
              + DemoScenario.OVERLAP
              + " repeated and "
              + DemoScenario.ABNORMAL
              + " abnormal)");
    }
    JsonNode totals = report.path("totals");
    if (totals.path("issued_count").asLong() != issued) {
      failures.add(
          "the report counts "
              + totals.path("issued_count").asLong()
              + " issued coupons, the status "
              + issued);
    }
    if (!budgetPauseAndRestart(status.path("history"))) {
      failures.add(
          "no budget auto-pause (PAUSED BUDGET_THRESHOLD) followed by RESUMED in the campaign history");
    }
    if (seen.redeemed == 0) {
      failures.add("no coupon could be redeemed at the sandbox");
    }
    if (totals.path("use_flow_count").asLong() != seen.redeemed) {
      failures.add(
          "the downloaded use flow lists "
              + totals.path("use_flow_count").asLong()
              + " coupons, "
              + seen.redeemed
              + " were redeemed");
    }
    if (totals.path("notified_count").asLong() != seen.redeemed) {
      failures.add(
          "the API received "
              + totals.path("notified_count").asLong()
              + " COUPON.USE notifications, "
              + seen.redeemed
              + " coupons were redeemed");
    }
    if (totals.path("refund_flow_count").asLong() != seen.refunded) {
      failures.add(
          "the refund flow lists "
              + totals.path("refund_flow_count").asLong()
              + " refunds, "
              + seen.refunded
              + " were made");
    }
    return failures;
  }

  static boolean budgetPauseAndRestart(JsonNode history) {
    boolean paused = false;
    for (JsonNode h : history) {
      String event = h.path("event").asText();
      if ("PAUSED".equals(event) && h.path("detail").asText().contains("BUDGET_THRESHOLD")) {
        paused = true;
      } else if (paused && "RESUMED".equals(event)) {
        return true;
      }
    }
    return false;
  }
}
