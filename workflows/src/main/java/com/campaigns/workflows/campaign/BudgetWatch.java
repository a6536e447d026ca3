package com.campaigns.workflows.campaign;

import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.rules.BudgetGuard;
import com.campaigns.workflows.rules.PausePrecedence;
import com.campaigns.workflows.rules.ShanghaiTime;
import java.time.Duration;
import java.util.List;

/**
 * The budget guard at work: how many more coupons issuance may send before the next issued-amount
 * threshold, and the pauses thresholds request when issued or used amounts cross them.
 */
final class BudgetWatch {

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;

  BudgetWatch(CampaignContext c, Journal journal) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
  }

  /**
   * Coupons issuance may still send, or Long.MAX_VALUE without an issued-amount threshold ahead.
   */
  long issuedAllowance() {
    long cap =
        BudgetGuard.issuedCap(
            c.thresholds(), state.thresholdFired, c.spec.stock().budget(), c.couponAmount());
    return cap == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, cap - state.totals().issued());
  }

  /** Redemptions reported by COUPON.USE or a stock check; only growth counts. */
  void applyUsage(long usedCount, long usedAmount) {
    if (usedAmount > state.usedAmount || usedCount > state.usedCount) {
      state.usedCount = Math.max(state.usedCount, usedCount);
      state.usedAmount = Math.max(state.usedAmount, usedAmount);
      checkThresholds();
    }
  }

  /**
   * Fires thresholds the campaign has reached; only while it runs (a paused campaign re-checks on
   * resume).
   */
  void checkThresholds() {
    if (state.phase != CampaignPhase.RUNNING) {
      return;
    }
    List<ThresholdSpec> thresholds = c.thresholds();
    long budget = c.spec.stock().budget();
    long issuedAmount = state.totals().issued() * c.couponAmount();
    List<Integer> crossed =
        BudgetGuard.crossed(
            thresholds, state.thresholdFired, budget, issuedAmount, state.usedAmount);
    for (int i : crossed) {
      state.thresholdFired.set(i, true);
      ThresholdSpec t = thresholds.get(i);
      long value = ThresholdSpec.ISSUED_AMOUNT.equals(t.metric()) ? issuedAmount : state.usedAmount;
      Long resumeAt =
          switch (t.resume() == null ? ThresholdSpec.RESUME_MANUAL : t.resume()) {
            case ThresholdSpec.RESUME_NEXT_DAY ->
                ShanghaiTime.nextMidnight(CampaignContext.now()).toEpochMilli();
            case ThresholdSpec.RESUME_AFTER ->
                CampaignContext.now().plus(Duration.parse(t.resumeAfter())).toEpochMilli();
            default -> null;
          };
      String detail =
          t.metric()
              + " reached "
              + formatPercent(t.percent())
              + "% ("
              + value
              + " of "
              + budget
              + " fen)";
      journal.record(CampaignEvent.THRESHOLD_REACHED, detail);
      PauseInfo pause =
          new PauseInfo(PauseReason.BUDGET_THRESHOLD, detail, "budget-guard", resumeAt);
      pause.fromIssuance = ThresholdSpec.ISSUED_AMOUNT.equals(t.metric());
      if (PausePrecedence.thresholdReplacesRequested(pause, state.pendingPause)) {
        state.pendingPause = pause;
      }
    }
  }

  private static String formatPercent(double p) {
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
  }
}
