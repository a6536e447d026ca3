package com.campaigns.workflows.campaign;

import com.campaigns.workflows.model.CallbackResult;
import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.CreateStockRequest;
import com.campaigns.workflows.model.StockCreated;
import com.campaigns.workflows.model.StockStatus;
import com.campaigns.workflows.rules.ShanghaiTime;
import java.time.Instant;

/**
 * The stock's own stages at WeChat Pay (批次): set the COUPON.USE callback (or pause with
 * CALLBACK_CONFLICT when another system's URL is set) and create the stock, wait for the activation
 * lead before its window, activate it (or pause with INSUFFICIENT_FUNDS when WeChat Pay refuses to
 * lock a pre-funded budget), and wait for its end. Each stage moves {@link CampaignState#stage} on
 * when done and returns early, unchanged, when interrupted.
 */
final class StockLifecycle {

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;
  private final DeadlineWait wait;
  private final WaveSchedule waves;
  private final CallbackStep callback;
  private final ActivationStep activation;

  StockLifecycle(
      CampaignContext c,
      Journal journal,
      DeadlineWait wait,
      WaveSchedule waves,
      CallbackStep callback,
      ActivationStep activation) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
    this.wait = wait;
    this.waves = waves;
    this.callback = callback;
    this.activation = activation;
  }

  void create() {
    if (state.callbackPending) {
      // Histories recorded before CALLBACK_CONFLICT carry no result: no conflict, the same path.
      CallbackResult conflict = callback.setOrConflict("set COUPON.USE callback");
      if (conflict != null) {
        c.requestPause(CallbackStep.pause(conflict));
        return;
      }
    }
    state.phase = CampaignPhase.CREATING_STOCK;
    journal.publish();
    StockCreated created =
        ActivityStubs.stock(
                "create stock " + c.spec.stock().stockName(), ActivityPolicies.stockCalls())
            .createStock(
                new CreateStockRequest(
                    state.campaignId, state.mchid, state.stockOutRequestNo, c.spec.stock()));
    state.stockId = created.stockId();
    state.stockStatus = StockStatus.UNACTIVATED;
    state.phase = CampaignPhase.SCHEDULED;
    journal.record(CampaignEvent.STOCK_CREATED, "stock " + created.stockId());
    state.stage = Stage.AWAIT_ACTIVATION;
    journal.publish();
  }

  void awaitActivation() {
    Instant at = c.beginTime().minus(c.settings.activationLead());
    if (wait.until(
        at,
        "activate stock " + state.stockId + " at " + ShanghaiTime.display(at),
        c::interruptRequested)) {
      state.stage = Stage.ACTIVATE;
    }
  }

  void activate() {
    if (!c.beforeEnd()) {
      state.stage = Stage.AWAIT_END;
      return;
    }
    state.phase = CampaignPhase.ACTIVATING;
    journal.publish();
    String refusal = activation.activateOrRefusal("activate stock " + state.stockId);
    if (refusal != null) {
      // The stage stays ACTIVATE; a resume activates again (the same idempotent call).
      c.requestPause(ActivationStep.pause(refusal));
      return;
    }
    state.phase = CampaignPhase.RUNNING;
    journal.publish();
  }

  void awaitEnd() {
    Instant end = c.endTime();
    if (!wait.until(
        end,
        "stock " + state.stockId + " ends " + ShanghaiTime.display(end),
        c::interruptRequested)) {
      return;
    }
    state.phase = CampaignPhase.ENDED;
    state.pause = null;
    state.stockStatus = StockStatus.STOPPED;
    waves.abandonUnfinished("the stock ended");
    journal.record(
        CampaignEvent.ENDED, "stock " + state.stockId + " ended " + ShanghaiTime.display(end));
    state.stage = c.spec.downloadFlows() ? Stage.FLOWS : Stage.DONE;
    if (state.stage == Stage.DONE) {
      state.phase = CampaignPhase.COMPLETED;
      journal.record(CampaignEvent.COMPLETED, "flow download disabled");
    }
    journal.publish();
  }
}
