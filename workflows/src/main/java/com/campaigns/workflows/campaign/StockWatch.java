package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.rootMessage;

import com.campaigns.workflows.activity.StockActivities;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.StockCheck;
import com.campaigns.workflows.model.StockStatus;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Periodic checks of the live stock at WeChat Pay (every {@code stock_check_interval} while it runs
 * or is paused): how a stock paused or stopped outside the product is noticed, and how redemptions
 * reach the budget guard when COUPON.USE notifications do not. A check is best effort: one that
 * fails after its retries is skipped and the next one comes at the usual interval.
 */
final class StockWatch {

  private static final Logger log = Workflow.getLogger(StockWatch.class);

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;
  private final BudgetWatch budget;
  private final StockActivities stockCheck =
      Workflow.newLocalActivityStub(StockActivities.class, ActivityPolicies.stockCheck());

  StockWatch(CampaignContext c, Journal journal, BudgetWatch budget) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
    this.budget = budget;
  }

  boolean active() {
    return state.stockId != null
        && (state.pause == null || state.pause.reason != PauseReason.MERCHANT_UNAVAILABLE)
        && (state.stockStatus == StockStatus.RUNNING || state.stockStatus == StockStatus.PAUSED)
        && (state.phase == CampaignPhase.RUNNING || state.phase == CampaignPhase.PAUSED)
        && c.beforeEnd();
  }

  /** Starts the cadence from now (the stock has just started). */
  void scheduleNext() {
    state.nextStockCheckAtMillis =
        Workflow.currentTimeMillis() + c.settings.stockCheckInterval().toMillis();
  }

  void check() {
    scheduleNext();
    StockCheck check;
    try {
      check = stockCheck.checkStock(c.command());
    } catch (ActivityFailure f) {
      log.warn(
          "stock check of {} failed, the next one follows in {}: {}",
          state.stockId,
          c.settings.stockCheckInterval(),
          rootMessage(f));
      journal.repairIndexIfBehind();
      return;
    }
    budget.applyUsage(check.usedCount(), check.usedAmount());
    StockStatus before = state.stockStatus;
    StockStatus now = StockStatus.of(check.status());
    state.stockStatus = now;
    boolean outside =
        state.phase == CampaignPhase.RUNNING
            && state.pendingPause == null
            && (now == StockStatus.PAUSED || now == StockStatus.STOPPED);
    if (outside) {
      c.requestPause(
          new PauseInfo(
              PauseReason.STOCK_STATE,
              "stock "
                  + state.stockId
                  + " is "
                  + now
                  + " at WeChat Pay but the campaign did not do it",
              "stock-check",
              null));
    }
    if (now != before) {
      journal.publish();
    } else {
      journal.repairIndexIfBehind();
    }
  }

  /**
   * The stock's real status, after WeChat Pay said it is not running. Best effort: when the check
   * fails the last known status stands, and the call that follows (pause, restart) meets the truth.
   */
  void refreshStatus() {
    try {
      state.stockStatus = StockStatus.of(stockCheck.checkStock(c.command()).status());
    } catch (ActivityFailure f) {
      log.warn(
          "stock check of {} failed, keeping status {}: {}",
          state.stockId,
          state.stockStatus,
          rootMessage(f));
    }
  }
}
