package com.campaigns.workflows.campaign;

import com.campaigns.workflows.model.CampaignState;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A wait until a deadline that something may cut short, in the manner of samples-java's {@code
 * UpdatableTimer}: one durable timer with a summary ops can read, the stock checks that fall due
 * meanwhile, and continue-as-new when the history bound is reached (a wait is a safe point).
 */
final class DeadlineWait {

  private final CampaignState state;
  private final StockWatch stockWatch;
  private final HistoryBound historyBound;

  DeadlineWait(CampaignContext c, StockWatch stockWatch, HistoryBound historyBound) {
    this.state = c.state;
    this.stockWatch = stockWatch;
    this.historyBound = historyBound;
  }

  /** Waits until {@code deadline} (returns true) or until {@code wake} holds (returns false). */
  boolean until(Instant deadline, String summary, Supplier<Boolean> wake) {
    CancellableTimer main = null;
    try {
      while (true) {
        long now = Workflow.currentTimeMillis();
        if (now >= deadline.toEpochMilli()) {
          return true;
        }
        if (wake.get()) {
          return false;
        }
        if (historyBound.reached()) {
          if (main != null) {
            main.cancel();
            main = null;
          }
          historyBound.continueAsNewIfReached();
        }
        if (stockWatch.active() && now >= state.nextStockCheckAtMillis) {
          stockWatch.check();
          continue;
        }
        if (main == null) {
          main = CancellableTimer.start(Duration.ofMillis(deadline.toEpochMilli() - now), summary);
        }
        CancellableTimer check = null;
        if (stockWatch.active() && state.nextStockCheckAtMillis < deadline.toEpochMilli()) {
          check =
              CancellableTimer.start(
                  Duration.ofMillis(state.nextStockCheckAtMillis - now), "next stock check");
        }
        CancellableTimer mainTimer = main;
        CancellableTimer checkTimer = check;
        Workflow.await(
            () -> mainTimer.fired() || (checkTimer != null && checkTimer.fired()) || wake.get());
        if (check != null) {
          check.cancelUnlessFired();
        }
      }
    } finally {
      if (main != null) {
        main.cancelUnlessFired();
      }
    }
  }
}
