package com.campaigns.workflows.campaign;

import com.campaigns.workflows.model.CallbackRequest;
import com.campaigns.workflows.model.CallbackResult;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.PauseReason;

/**
 * The merchant's COUPON.USE callback, before the stock is created. The callback is merchant-wide,
 * so the activity leaves another system's URL alone and answers a conflict; the campaign then
 * pauses with CALLBACK_CONFLICT until ops resolve it and resume, which checks again.
 */
final class CallbackStep {

  /** The operator a CALLBACK_CONFLICT pause names. */
  static final String OPERATOR = "callback-check";

  private final CampaignContext c;
  private final CampaignState state;

  CallbackStep(CampaignContext c) {
    this.c = c;
    this.state = c.state;
  }

  /**
   * Sets the callback (or finds it already ours) and marks it done; answers the conflict instead
   * when another system's URL is set, leaving the callback pending.
   */
  CallbackResult setOrConflict(String summary) {
    CallbackResult result =
        ActivityStubs.stock(summary, ActivityPolicies.stockCalls())
            .setCallback(new CallbackRequest(state.mchid, c.settings.notifyUrl()));
    if (CallbackResult.conflict(result)) {
      return result;
    }
    state.callbackPending = false;
    return null;
  }

  static PauseInfo pause(CallbackResult conflict) {
    return new PauseInfo(PauseReason.CALLBACK_CONFLICT, conflict.detail(), OPERATOR, null);
  }
}
