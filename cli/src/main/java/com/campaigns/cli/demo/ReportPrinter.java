package com.campaigns.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;

/** Prints the reconciliation report as a table of totals, campaign and per wave. */
final class ReportPrinter {

  private ReportPrinter() {}

  static void print(PrintStream out, JsonNode report) {
    JsonNode t = report.path("totals");
    if (t.isObject()) {
      out.printf(
          "  %-8s %10s %12s %10s %12s %12s%n",
          "", "issued", "issued fen", "used", "used fen", "refunded");
      out.println(row("campaign", t));
      for (JsonNode w : report.path("waves")) {
        out.println(
            row(
                "wave " + w.path("wave").asText(String.valueOf(w.path("wave_index").asInt())),
                w.path("totals")));
      }
      out.printf(
          "  COUPON.USE notifications received: %d (%d fen)%n",
          t.path("notified_count").asLong(), t.path("notified_amount").asLong());
    } else {
      out.println("  " + report.toPrettyString().replace("\n", "\n  "));
    }
    JsonNode mismatches = report.path("mismatches");
    out.println(
        "  balanced: "
            + report.path("balanced").asText("?")
            + ", mismatches: "
            + mismatches.size());
    for (int i = 0; i < Math.min(10, mismatches.size()); i++) {
      out.println("    " + DemoCommand.oneLine(mismatches.get(i)));
    }
  }

  private static String row(String label, JsonNode t) {
    return String.format(
        Locale.ROOT,
        "  %-8s %10d %12d %10d %12d %12d",
        label,
        t.path("issued_count").asLong(),
        t.path("issued_amount").asLong(),
        t.path("use_flow_count").asLong(),
        t.path("use_flow_amount").asLong(),
        t.path("refund_flow_count").asLong());
  }
}
