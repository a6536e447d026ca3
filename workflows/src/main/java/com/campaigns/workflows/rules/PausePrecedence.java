package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.StockStatus;

/**
 * Which pause wins when several arrive, and what a pause does to the stock. A manual pause always
 * wins over an automatic one, because an automatic pause may lift by itself and an operator's must
 * not; among automatic pauses the one that lifts later (or never) wins.
 */
public final class PausePrecedence {

  private PausePrecedence() {}

  /** Whether a newly requested pause takes the place of the one already requested. */
  public static boolean replacesRequested(PauseInfo candidate, PauseInfo requested) {
    return requested == null || candidate.reason == PauseReason.MANUAL;
  }

  /** Whether a budget threshold's pause takes the place of the one already requested. */
  public static boolean thresholdReplacesRequested(PauseInfo candidate, PauseInfo requested) {
    if (requested == null) {
      return true;
    }
    if (requested.reason == PauseReason.MANUAL) {
      return false;
    }
    if (candidate.resumeAtMillis == null) {
      return true;
    }
    return requested.resumeAtMillis != null && candidate.resumeAtMillis > requested.resumeAtMillis;
  }

  /**
   * Whether a pause requested while the campaign is already paused replaces the pause in force:
   * only a manual one over an automatic one (no automatic resume any more).
   */
  public static boolean escalates(PauseInfo requested, PauseInfo inForce) {
    return requested.reason == PauseReason.MANUAL && inForce.reason != PauseReason.MANUAL;
  }

  /**
   * The pause to enact once the stock is paused: a manual pause that arrived meanwhile wins over
   * the one being enacted.
   */
  public static PauseInfo enacted(PauseInfo enacting, PauseInfo requestedMeanwhile) {
    return requestedMeanwhile != enacting
            && requestedMeanwhile != null
            && requestedMeanwhile.reason == PauseReason.MANUAL
        ? requestedMeanwhile
        : enacting;
  }

  /**
   * Whether enacting the pause pauses the stock at WeChat Pay: only a running stock, and not when
   * WeChat Pay already stopped it (STOCK_STATE) or the workers hold no credentials for it.
   */
  public static boolean pausesStock(StockStatus stock, PauseReason reason) {
    return stock == StockStatus.RUNNING
        && reason != PauseReason.STOCK_STATE
        && reason != PauseReason.MERCHANT_UNAVAILABLE;
  }

  /**
   * Whether running segments are cancelled: for a cancel, and for a pause from outside issuance. A
   * stop the segments reported themselves (cap, daily limit) ends the others anyway.
   */
  public static boolean cancelsSegments(boolean cancelRequested, PauseInfo requested) {
    return cancelRequested || (requested != null && !requested.fromIssuance);
  }

  /**
   * Whether an operator's pause is accepted now: before the stock ends while nothing else stops the
   * campaign, or over an automatic pause (which it then replaces).
   */
  public static boolean pausable(
      CampaignPhase phase, PauseInfo inForce, PauseInfo requested, boolean cancelRequested) {
    if (phase == CampaignPhase.PAUSED) {
      return inForce != null && inForce.reason != PauseReason.MANUAL && requested == null;
    }
    return switch (phase) {
      case SCHEDULED, CREATING_STOCK, ACTIVATING, RUNNING -> !cancelRequested;
      default -> false;
    };
  }
}
