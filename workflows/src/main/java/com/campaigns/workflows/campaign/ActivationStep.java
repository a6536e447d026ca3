package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.rootMessage;

import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.StockStatus;
import com.campaigns.workflows.model.StockTransition;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/**
 * The stock's activation. A pre-funded stock's budget is locked from the merchant's balance when it
 * is activated; when WeChat Pay refuses that (the activity's INSUFFICIENT_FUNDS, decided from the
 * stock's facts, never from the message) the campaign pauses instead of failing, and a resume
 * activates again before it reports RUNNING.
 */
final class ActivationStep {

  /** The operator an INSUFFICIENT_FUNDS pause names. */
  static final String OPERATOR = "activation";

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;
  private final StockWatch stockWatch;

  ActivationStep(CampaignContext c, Journal journal, StockWatch stockWatch) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
    this.stockWatch = stockWatch;
  }

  /**
   * Activates the stock and moves the campaign on to its waves (the caller sets the phase and
   * publishes); answers WeChat Pay's refusal instead when it would not lock the budget. Every other
   * failure propagates.
   */
  String activateOrRefusal(String summary) {
    StockTransition started;
    try {
      started =
          ActivityStubs.stock(summary, ActivityPolicies.stockCalls()).activateStock(c.command());
    } catch (ActivityFailure f) {
      if (!insufficientFunds(f)) {
        throw f;
      }
      return rootMessage(f);
    }
    state.stockStatus = StockStatus.of(started.status());
    stockWatch.scheduleNext();
    journal.record(CampaignEvent.ACTIVATED, "stock " + state.stockId + " is " + started.status());
    state.stage = Stage.WAVES;
    return null;
  }

  static boolean insufficientFunds(ActivityFailure f) {
    return f.getCause() instanceof ApplicationFailure af
        && FailureTypes.INSUFFICIENT_FUNDS.equals(af.getType());
  }

  static PauseInfo pause(String refusal) {
    return new PauseInfo(PauseReason.INSUFFICIENT_FUNDS, refusal, OPERATOR, null);
  }
}
