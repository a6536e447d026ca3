package com.campaigns.starter.campaign;

import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.model.ReconciliationReport.Mismatch;
import com.campaigns.workflows.model.ReconciliationReport.Totals;
import com.campaigns.workflows.model.ReconciliationReport.WaveTotals;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored reconciliation report as the API and the console show it: the report's own fields,
 * mismatches ordered by kind with a count per kind, and {@code outside_campaign}, what the totals
 * hold beyond the sum of the waves (flow rows and notifications of coupons the campaign never
 * issued), so that the waves plus that row add up to the totals. {@code flows_unavailable} (with
 * {@code flows_unavailable_reason}) marks a report built without WeChat Pay's flow files, which did
 * not appear before the deadline: nothing was reconciled against them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReportView(
    String campaignId,
    String stockId,
    boolean balanced,
    Totals totals,
    List<WaveTotals> waves,
    @JsonInclude(JsonInclude.Include.NON_NULL) Totals outsideCampaign,
    Map<String, Long> mismatchCounts,
    List<Mismatch> mismatches,
    boolean flowsUnavailable,
    @JsonInclude(JsonInclude.Include.NON_NULL) String flowsUnavailableReason) {

  public static ReportView of(ReconciliationReport r) {
    List<WaveTotals> waves = r.waves() == null ? List.of() : r.waves();
    List<Mismatch> mismatches =
        r.mismatches() == null
            ? List.of()
            : r.mismatches().stream().sorted(Comparator.comparing(Mismatch::kind)).toList();
    Map<String, Long> counts = new TreeMap<>();
    mismatches.forEach(m -> counts.merge(m.kind(), 1L, Long::sum));
    return new ReportView(
        r.campaignId(),
        r.stockId(),
        r.balanced(),
        r.totals(),
        waves,
        outside(r.totals(), waves),
        counts,
        mismatches,
        r.flowsUnavailable(),
        r.flowsUnavailableReason());
  }

  /** Totals minus the sum of the waves; null when the waves account for everything. */
  static Totals outside(Totals all, List<WaveTotals> waves) {
    if (all == null) {
      return null;
    }
    long[] t = {
      all.issuedCount(),
      all.issuedAmount(),
      all.notifiedCount(),
      all.notifiedAmount(),
      all.useFlowCount(),
      all.useFlowAmount(),
      all.refundFlowCount(),
      all.refundFlowAmount()
    };
    for (WaveTotals w : waves) {
      Totals x = w.totals();
      long[] d = {
        x.issuedCount(),
        x.issuedAmount(),
        x.notifiedCount(),
        x.notifiedAmount(),
        x.useFlowCount(),
        x.useFlowAmount(),
        x.refundFlowCount(),
        x.refundFlowAmount()
      };
      for (int i = 0; i < t.length; i++) {
        t[i] -= d[i];
      }
    }
    for (long v : t) {
      if (v != 0) {
        return new Totals(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
      }
    }
    return null;
  }
}
