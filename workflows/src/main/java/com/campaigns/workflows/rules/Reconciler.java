package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.model.ReconciliationReport.Mismatch;
import com.campaigns.workflows.model.ReconciliationReport.Totals;
import com.campaigns.workflows.model.ReconciliationReport.WaveTotals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the ledger (issued coupons), the COUPON.USE notifications and WeChat Pay's use and refund
 * flows by coupon id, and lists every disagreement. Pure: the inputs are plain rows.
 */
public final class Reconciler {

  private Reconciler() {}

  /** A coupon the campaign issued. */
  public record Issued(String couponId, int waveIndex, long amount) {}

  /** A redemption reported by notification. */
  public record Notified(String couponId, long amount) {}

  /** A row of a flow file: the coupon and its face value. */
  public record FlowRow(String couponId, long couponAmount) {}

  public static ReconciliationReport reconcile(
      String campaignId,
      String stockId,
      List<String> waveNames,
      List<Issued> issued,
      List<Notified> notified,
      List<FlowRow> useFlow,
      List<FlowRow> refundFlow) {
    return reconcile(campaignId, stockId, waveNames, issued, notified, useFlow, refundFlow, null);
  }

  /**
   * The report when a flow file may be missing: {@code useFlow} or {@code refundFlow} is null when
   * WeChat Pay never published it, and {@code unavailableReason} says why. The comparisons that
   * need a missing file are left out (they would only list every coupon), and such a report never
   * balances: it is marked {@code flows_unavailable}.
   */
  public static ReconciliationReport reconcile(
      String campaignId,
      String stockId,
      List<String> waveNames,
      List<Issued> issued,
      List<Notified> notified,
      List<FlowRow> useFlow,
      List<FlowRow> refundFlow,
      String unavailableReason) {
    boolean useKnown = useFlow != null;
    boolean refundKnown = refundFlow != null;
    List<FlowRow> used = useKnown ? useFlow : List.of();
    List<FlowRow> refunded = refundKnown ? refundFlow : List.of();
    Map<String, Issued> byCoupon = new HashMap<>();
    issued.forEach(i -> byCoupon.put(i.couponId(), i));
    Map<String, Notified> notifiedByCoupon = new LinkedHashMap<>();
    notified.forEach(n -> notifiedByCoupon.put(n.couponId(), n));
    Map<String, FlowRow> usedByCoupon = new LinkedHashMap<>();
    used.forEach(u -> usedByCoupon.put(u.couponId(), u));

    List<Mismatch> mismatches = new ArrayList<>();
    duplicates(used, "use", mismatches);
    duplicates(refunded, "refund", mismatches);
    for (FlowRow u : used) {
      Issued i = byCoupon.get(u.couponId());
      if (i == null) {
        mismatches.add(
            new Mismatch(
                ReconciliationReport.NOT_ISSUED_BY_CAMPAIGN,
                u.couponId(),
                "in the use flow but not in the ledger"));
        continue;
      }
      if (i.amount() != u.couponAmount()) {
        mismatches.add(
            new Mismatch(
                ReconciliationReport.AMOUNT_MISMATCH,
                u.couponId(),
                "ledger " + i.amount() + " fen, use flow " + u.couponAmount() + " fen"));
      }
      Notified n = notifiedByCoupon.get(u.couponId());
      if (n == null) {
        mismatches.add(
            new Mismatch(
                ReconciliationReport.USED_NOT_NOTIFIED,
                u.couponId(),
                "in the use flow but no COUPON.USE notification was received"));
      } else if (n.amount() != u.couponAmount()) {
        mismatches.add(
            new Mismatch(
                ReconciliationReport.AMOUNT_MISMATCH,
                u.couponId(),
                "notification " + n.amount() + " fen, use flow " + u.couponAmount() + " fen"));
      }
    }
    for (Notified n : useKnown ? notified : List.<Notified>of()) {
      if (!usedByCoupon.containsKey(n.couponId())) {
        mismatches.add(
            new Mismatch(
                ReconciliationReport.NOTIFIED_NOT_IN_FLOW,
                n.couponId(),
                "notified as used but absent from the use flow"));
      }
    }
    for (FlowRow r : refunded) {
      boolean neverUsed = useKnown && !usedByCoupon.containsKey(r.couponId());
      if (neverUsed || !byCoupon.containsKey(r.couponId())) {
        mismatches.add(
            new Mismatch(
                ReconciliationReport.REFUND_OF_UNKNOWN_COUPON,
                r.couponId(),
                byCoupon.containsKey(r.couponId())
                    ? "refunded but never used"
                    : "refunded but never issued"));
      }
    }

    Map<Integer, long[]> perWave = new TreeMap<>();
    for (Issued i : issued) {
      long[] t = perWave.computeIfAbsent(i.waveIndex(), w -> new long[8]);
      t[0]++;
      t[1] += i.amount();
    }
    addByWave(
        perWave,
        byCoupon,
        notified.stream().map(n -> new FlowRow(n.couponId(), n.amount())).toList(),
        2);
    addByWave(perWave, byCoupon, used, 4);
    addByWave(perWave, byCoupon, refunded, 6);
    List<WaveTotals> waves = new ArrayList<>();
    perWave.forEach(
        (w, t) ->
            waves.add(
                new WaveTotals(w, w < waveNames.size() ? waveNames.get(w) : null, totals(t))));

    long[] all = new long[8];
    all[0] = issued.size();
    all[1] = issued.stream().mapToLong(Issued::amount).sum();
    all[2] = notified.size();
    all[3] = notified.stream().mapToLong(Notified::amount).sum();
    all[4] = used.size();
    all[5] = used.stream().mapToLong(FlowRow::couponAmount).sum();
    all[6] = refunded.size();
    all[7] = refunded.stream().mapToLong(FlowRow::couponAmount).sum();
    boolean unavailable = !useKnown || !refundKnown || unavailableReason != null;
    return new ReconciliationReport(
        campaignId,
        stockId,
        mismatches.isEmpty() && !unavailable,
        totals(all),
        waves,
        mismatches,
        unavailable,
        unavailable ? reasonOrMissing(unavailableReason, useKnown, refundKnown) : null);
  }

  private static String reasonOrMissing(String reason, boolean useKnown, boolean refundKnown) {
    if (reason != null) {
      return reason;
    }
    if (!useKnown && !refundKnown) {
      return "the use and refund flows were not published";
    }
    return (useKnown ? "the refund flow" : "the use flow") + " was not published";
  }

  /** A coupon listed twice in one flow file is a mismatch: a coupon is used (or refunded) once. */
  private static void duplicates(List<FlowRow> rows, String flow, List<Mismatch> out) {
    Map<String, Integer> seen = new HashMap<>();
    for (FlowRow r : rows) {
      if (seen.merge(r.couponId(), 1, Integer::sum) == 2) {
        out.add(
            new Mismatch(
                ReconciliationReport.DUPLICATE_IN_FLOW,
                r.couponId(),
                "listed more than once in the " + flow + " flow"));
      }
    }
  }

  /** A one-line headline for histories and the status document. */
  public static String summary(ReconciliationReport r) {
    Totals t = r.totals();
    return "issued "
        + t.issuedCount()
        + " ("
        + t.issuedAmount()
        + " fen), used "
        + t.useFlowCount()
        + " ("
        + t.useFlowAmount()
        + " fen), notified "
        + t.notifiedCount()
        + ", refunded "
        + t.refundFlowCount()
        + " ("
        + t.refundFlowAmount()
        + " fen): "
        + (r.flowsUnavailable()
            ? "flows unavailable, not reconciled against WeChat Pay ("
                + r.mismatches().size()
                + " mismatches in what exists)"
            : r.balanced() ? "balanced" : r.mismatches().size() + " mismatches");
  }

  private static void addByWave(
      Map<Integer, long[]> perWave, Map<String, Issued> byCoupon, List<FlowRow> rows, int column) {
    for (FlowRow row : rows) {
      Issued i = byCoupon.get(row.couponId());
      if (i != null) {
        long[] t = perWave.computeIfAbsent(i.waveIndex(), w -> new long[8]);
        t[column]++;
        t[column + 1] += row.couponAmount();
      }
    }
  }

  private static Totals totals(long[] t) {
    return new Totals(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
  }
}
