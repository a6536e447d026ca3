package com.campaigns.workflows.campaign;

import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.CampaignState.WaveState;
import com.campaigns.workflows.model.OutRequestNo;
import com.campaigns.workflows.model.StockCommand;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.model.WaveSpec;
import com.campaigns.workflows.rules.PausePrecedence;
import com.campaigns.workflows.rules.ShanghaiTime;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * What every part of a campaign run shares: the input, the spec, the settings and the one mutable
 * {@link CampaignState}, with the few facts derived from them. Owned by the workflow thread.
 */
final class CampaignContext {

  final CampaignInput input;
  final CampaignSpec spec;
  final CampaignSettings settings;
  final CampaignState state;

  CampaignContext(CampaignInput input, CampaignState state) {
    this.input = input;
    this.spec = input.spec();
    this.settings = input.settings() == null ? CampaignSettings.defaults() : input.settings();
    this.state = state;
  }

  /**
   * The state of a campaign's first run: identity, idempotency keys, waves and thresholds not
   * fired.
   */
  static CampaignState initialState(CampaignSpec spec) {
    CampaignState s = new CampaignState();
    var info = Workflow.getInfo();
    s.campaignId = spec.campaignId();
    s.workflowId = info.getWorkflowId();
    s.mchid = spec.mchid();
    s.campaignKey =
        OutRequestNo.campaignKey(spec.mchid(), spec.campaignId(), info.getFirstExecutionRunId());
    var day = ShanghaiTime.day(now());
    s.stockOutRequestNo = OutRequestNo.forStock(spec.mchid(), day, s.campaignKey);
    s.couponPrefix = OutRequestNo.couponPrefix(spec.mchid(), day, s.campaignKey);
    for (WaveSpec w : spec.waves() == null ? List.<WaveSpec>of() : spec.waves()) {
      WaveState ws = new WaveState();
      ws.name = w.name();
      ws.startAt = w.startAt();
      ws.audienceId = w.audience() == null ? null : w.audience().audienceId();
      // 0 = the merchant's ceiling, which only the workers know (it is configured per merchant).
      ws.ratePerSecond = w.ratePerSecond() == null ? 0 : w.ratePerSecond();
      s.waves.add(ws);
    }
    for (int i = 0; i < thresholds(spec).size(); i++) {
      s.thresholdFired.add(false);
    }
    return s;
  }

  /** Records a pause to be enacted at the next safe point, unless a stronger one is waiting. */
  void requestPause(PauseInfo pause) {
    if (state.phase.isTerminal()) {
      return;
    }
    if (PausePrecedence.replacesRequested(pause, state.pendingPause)) {
      state.pendingPause = pause;
    }
  }

  /** A pause or a cancel waits to be enacted. */
  boolean interruptRequested() {
    return state.pendingPause != null || state.cancelRequest != null;
  }

  StockCommand command() {
    return new StockCommand(state.campaignId, state.mchid, state.stockId);
  }

  long couponAmount() {
    return spec.stock().couponAmount();
  }

  Instant beginTime() {
    return ShanghaiTime.parse(spec.stock().availableBeginTime()).orElseThrow();
  }

  Instant endTime() {
    return ShanghaiTime.parse(spec.stock().availableEndTime()).orElseThrow();
  }

  boolean beforeEnd() {
    return now().isBefore(endTime());
  }

  List<ThresholdSpec> thresholds() {
    return thresholds(spec);
  }

  static List<ThresholdSpec> thresholds(CampaignSpec spec) {
    return spec.budgetGuard() == null || spec.budgetGuard().thresholds() == null
        ? List.of()
        : spec.budgetGuard().thresholds();
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static String nullToDash(String s) {
    return s == null ? "-" : s;
  }

  /** The innermost message of a failure chain: what WeChat Pay or the activity said. */
  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof ApplicationFailure af ? af.getOriginalMessage() : c.getMessage();
  }
}
