package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a campaign issued, what was used and refunded, and whether WeChat Pay's flow files agree
 * with the ledger. Amounts in fen. {@code balanced} is true when there is no mismatch and the flow
 * files were there. {@code flowsUnavailable} is true when a flow file did not appear before the
 * deadline ({@code flowsUnavailableReason} says which and why): the comparisons that need it are
 * left out, and the report is not balanced.
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconciliationReport(
    String campaignId,
    String stockId,
    boolean balanced,
    Totals totals,
    List<WaveTotals> waves,
    List<Mismatch> mismatches,
    boolean flowsUnavailable,
    String flowsUnavailableReason) {

  /** A report over both flow files. */
  public ReconciliationReport(
      String campaignId,
      String stockId,
      boolean balanced,
      Totals totals,
      List<WaveTotals> waves,
      List<Mismatch> mismatches) {
    this(campaignId, stockId, balanced, totals, waves, mismatches, false, null);
  }

  /** Counts and amounts of one scope (the campaign or a wave). */
  @SnakeCaseIgnoreUnknown
  public record Totals(
      long issuedCount,
      long issuedAmount,
      long notifiedCount,
      long notifiedAmount,
      long useFlowCount,
      long useFlowAmount,
      long refundFlowCount,
      long refundFlowAmount) {}

  @SnakeCaseIgnoreUnknown
  public record WaveTotals(int waveIndex, String wave, Totals totals) {}

  /** One disagreement between the ledger, the notifications and the flow files. */
  @SnakeCaseNonNull
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Mismatch(String kind, String couponId, String detail) {}

  /** Used in the use flow, but no COUPON.USE notification was received. */
  public static final String USED_NOT_NOTIFIED = "USED_NOT_NOTIFIED";

  /** A COUPON.USE notification was received, but the use flow does not list the coupon. */
  public static final String NOTIFIED_NOT_IN_FLOW = "NOTIFIED_NOT_IN_FLOW";

  /** The flow lists a coupon of this stock that the ledger never issued. */
  public static final String NOT_ISSUED_BY_CAMPAIGN = "NOT_ISSUED_BY_CAMPAIGN";

  /** The refund flow lists a coupon that was never used (or never issued). */
  public static final String REFUND_OF_UNKNOWN_COUPON = "REFUND_OF_UNKNOWN_COUPON";

  /** The flow's face value of a coupon differs from the ledger's or from its notification's. */
  public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";

  /** A coupon appears more than once in one flow file. */
  public static final String DUPLICATE_IN_FLOW = "DUPLICATE_IN_FLOW";
}
