package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.now;
import static com.campaigns.workflows.campaign.CampaignContext.nullToDash;

import com.campaigns.workflows.model.ApprovalDecision;
import com.campaigns.workflows.model.ApprovalRequest;
import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.ApprovalInfo;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.rules.Approvals;
import com.campaigns.workflows.rules.ShanghaiTime;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Four-eyes approval before anything reaches WeChat Pay: a budget above the merchant's threshold
 * waits in AWAITING_APPROVAL for another person's approve or reject, until the activation time,
 * when it expires. The updates only record the answer; the main thread enacts it here.
 */
final class ApprovalStep {

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;

  ApprovalStep(CampaignContext c, Journal journal) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
  }

  /**
   * The approval of a first run, when the input carries a threshold; true when the campaign must
   * wait for it. Inputs without a threshold (every one before approvals) leave the state as it was.
   */
  boolean requestIfRequired() {
    Long threshold = c.input.approvalThreshold();
    if (threshold == null) {
      return false;
    }
    ApprovalInfo a = new ApprovalInfo();
    a.threshold = threshold;
    a.required = Approvals.required(c.spec.stock().budget(), threshold);
    a.requestedBy = c.input.startedBy();
    a.expiresAtMillis = expiresAt().toEpochMilli();
    a.decision = a.required ? ApprovalDecision.PENDING : ApprovalDecision.NOT_REQUIRED;
    state.approval = a;
    if (!a.required) {
      return false;
    }
    state.phase = CampaignPhase.AWAITING_APPROVAL;
    journal.record(
        CampaignEvent.APPROVAL_REQUESTED,
        "budget "
            + c.spec.stock().budget()
            + " fen is above the approval threshold of "
            + threshold
            + " fen; expires "
            + ShanghaiTime.display(expiresAt())
            + " unless another approver than "
            + nullToDash(a.requestedBy)
            + " approves");
    return true;
  }

  /** The activation time: the stock would be activated then, so an approval later is too late. */
  Instant expiresAt() {
    return c.beginTime().minus(c.settings.activationLead());
  }

  /** Records an approver's answer (update handler); the main thread acts on it. */
  void answer(boolean approve, ApprovalRequest request) {
    ApprovalInfo a = state.approval;
    a.decision = approve ? ApprovalDecision.APPROVED : ApprovalDecision.REJECTED;
    a.decidedBy = request.operator().strip();
    a.decidedAtMillis = Workflow.currentTimeMillis();
    a.note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
  }

  /** Waits for an answer, a cancel or the expiry; returns early, unchanged, on a cancel. */
  void await() {
    ApprovalInfo a = state.approval;
    Duration left = Duration.between(now(), expiresAt());
    if (!a.answered() && !left.isNegative() && !left.isZero()) {
      Workflow.await(left, () -> a.answered() || state.cancelRequest != null);
    }
    if (state.cancelRequest != null && !a.answered()) {
      // The cancel ends the campaign; the approval is no longer awaited (data only, no command).
      a.decision = ApprovalDecision.WITHDRAWN;
      return;
    }
    String note = a.note == null ? "" : ": " + a.note;
    switch (a.decision) {
      case APPROVED -> {
        state.phase = CampaignPhase.SCHEDULED;
        state.stage = Stage.CREATE_STOCK;
        journal.record(CampaignEvent.APPROVED, "by " + a.decidedBy + note);
      }
      case REJECTED -> {
        end(CampaignPhase.REJECTED);
        journal.record(CampaignEvent.REJECTED, "by " + a.decidedBy + note + "; no stock created");
      }
      default -> {
        a.decision = ApprovalDecision.EXPIRED;
        end(CampaignPhase.EXPIRED);
        journal.record(
            CampaignEvent.EXPIRED,
            "not approved by its activation time "
                + ShanghaiTime.display(expiresAt())
                + "; no stock created");
      }
    }
    journal.publish();
  }

  private void end(CampaignPhase phase) {
    for (CampaignState.WaveState w : state.waves) {
      w.status = WavePhase.CANCELLED;
    }
    state.phase = phase;
    state.stage = Stage.DONE;
  }
}
