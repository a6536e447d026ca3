package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.ApprovalRequest;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.WaveState;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.StockStatus;
import com.campaigns.workflows.model.WavePhase;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an update (pause, resume, cancel, reschedule) may run, decided from the state alone. A
 * refusal names its {@link FailureTypes} type; the workflow's validators turn it into the failure
 * the API maps to an error kind.
 */
public final class UpdateChecks {

  /** Why an update is refused: a {@link FailureTypes} constant and a message for people. */
  public record Refusal(String type, String message) {}

  private UpdateChecks() {}

  public static Optional<Refusal> pause(CampaignState s) {
    if (PausePrecedence.pausable(s.phase, s.pause, s.pendingPause, s.cancelRequest != null)) {
      return Optional.empty();
    }
    return refuse(
        FailureTypes.NOT_PAUSABLE,
        "campaign "
            + s.campaignId
            + " cannot be paused in status "
            + s.phase
            + (s.pause != null ? " (" + s.pause.reason + ")" : ""));
  }

  public static Optional<Refusal> resume(CampaignState s) {
    if (s.phase != CampaignPhase.PAUSED) {
      return refuse(
          FailureTypes.NOT_PAUSED, "campaign " + s.campaignId + " is " + s.phase + ", not PAUSED");
    }
    if (s.stockStatus == StockStatus.STOPPED) {
      return refuse(
          FailureTypes.STOCK_STOPPED,
          "stock " + s.stockId + " was stopped at WeChat Pay and cannot be restarted");
    }
    return Optional.empty();
  }

  public static Optional<Refusal> cancel(CampaignState s) {
    if (s.phase.isTerminal()) {
      return refuse(
          FailureTypes.NOT_CANCELLABLE, "campaign " + s.campaignId + " is already " + s.phase);
    }
    return Optional.empty();
  }

  /**
   * An approve or reject: only while the campaign awaits approval and nobody has answered yet, by a
   * named operator who did not start the campaign.
   */
  public static Optional<Refusal> approval(
      CampaignState s, ApprovalRequest request, String startedBy) {
    if (s.phase != CampaignPhase.AWAITING_APPROVAL || s.approval == null || s.approval.answered()) {
      return refuse(
          FailureTypes.NOT_AWAITING_APPROVAL,
          "campaign "
              + s.campaignId
              + " is "
              + s.phase
              + (s.approval != null && s.approval.answered()
                  ? " (" + s.approval.decision + " by " + s.approval.decidedBy + ")"
                  : "")
              + ", not AWAITING_APPROVAL");
    }
    String operator = request == null ? null : request.operator();
    if (Approvals.blank(operator)) {
      return refuse(FailureTypes.INVALID_APPROVAL, "operator is required: who decides");
    }
    if (!Approvals.mayDecide(operator, startedBy)) {
      return refuse(
          FailureTypes.SELF_APPROVAL,
          operator.strip()
              + " started campaign "
              + s.campaignId
              + " and may not decide on it; another approver must");
    }
    return Optional.empty();
  }

  /** A pending wave may move to a start within the stock's window [begin, end). */
  public static Optional<Refusal> reschedule(
      CampaignState s, RescheduleRequest request, Instant begin, Instant end) {
    if (request == null || request.wave() == null) {
      return refuse(FailureTypes.INVALID_RESCHEDULE, "wave is required");
    }
    WaveState wave =
        s.waves.stream().filter(w -> w.name.equals(request.wave())).findFirst().orElse(null);
    if (wave == null) {
      return refuse(FailureTypes.INVALID_RESCHEDULE, "no wave named " + request.wave());
    }
    if (wave.status != WavePhase.PENDING || s.phase.isTerminal()) {
      return refuse(
          FailureTypes.INVALID_RESCHEDULE,
          "wave " + wave.name + " is " + wave.status + "; only a PENDING wave can be rescheduled");
    }
    Optional<Instant> start = ShanghaiTime.parse(request.startAt());
    if (start.isEmpty()) {
      return refuse(
          FailureTypes.INVALID_RESCHEDULE, "start_at is not an RFC 3339 time with an offset");
    }
    if (start.get().isBefore(begin) || !start.get().isBefore(end)) {
      return refuse(
          FailureTypes.INVALID_RESCHEDULE,
          "start_at must lie within the stock's availability window");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(String type, String message) {
    return Optional.of(new Refusal(type, message));
  }
}
