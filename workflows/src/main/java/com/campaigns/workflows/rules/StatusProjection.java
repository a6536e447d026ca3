package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.ApprovalDecision;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.FlowsState;
import com.campaigns.workflows.model.SegmentTotals;
import com.campaigns.workflows.model.StatusDocument;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The status document of SPEC §4, computed from the workflow state and nothing else. */
public final class StatusProjection {

  private StatusProjection() {}

  public static StatusDocument project(CampaignState state, CampaignSpec spec) {
    long couponAmount =
        spec.stock() == null || spec.stock().couponAmount() == null
            ? 0
            : spec.stock().couponAmount();
    long budget = spec.stock() == null ? 0 : spec.stock().budget();
    SegmentTotals totals = state.totals();
    long issuedAmount = totals.issued() * couponAmount;
    List<StatusDocument.Wave> waves = new ArrayList<>();
    for (CampaignState.WaveState w : state.waves) {
      SegmentTotals t = w.totals();
      waves.add(
          new StatusDocument.Wave(
              w.name,
              w.status,
              w.startAt,
              w.recipients == null ? 0 : w.recipients,
              t.issued(),
              t.rejected(),
              t.failed()));
    }
    StatusDocument.Pause pause = null;
    if (state.pause != null && state.phase == CampaignPhase.PAUSED) {
      pause =
          new StatusDocument.Pause(
              state.pause.reason,
              state.pause.detail,
              state.pause.operator,
              ShanghaiTime.rfc3339(Instant.ofEpochMilli(state.pause.sinceMillis)));
    }
    Map<String, Long> byCode = new TreeMap<>(totals.rejectedByCode());
    return new StatusDocument(
        state.campaignId,
        state.workflowId,
        state.mchid,
        state.phase,
        pause,
        state.stockId,
        state.stockStatus == null ? null : state.stockStatus.wechatName(),
        new StatusDocument.Tally(totals.issued(), issuedAmount),
        new StatusDocument.Tally(state.usedCount, state.usedAmount),
        new StatusDocument.Rejected(totals.rejected(), byCode),
        new StatusDocument.Budget(
            budget,
            BudgetGuard.percentOf(issuedAmount, budget),
            BudgetGuard.percentOf(state.usedAmount, budget)),
        waves,
        state.failure,
        state.reconciliation,
        flows(state.flows),
        List.copyOf(state.history),
        null,
        approval(state.approval));
  }

  static StatusDocument.Approval approval(CampaignState.ApprovalInfo a) {
    if (a == null) {
      return null;
    }
    boolean approved = a.decision == ApprovalDecision.APPROVED;
    boolean rejected = a.decision == ApprovalDecision.REJECTED;
    String at = a.decidedAtMillis == null ? null : time(a.decidedAtMillis);
    return new StatusDocument.Approval(
        a.required,
        a.threshold,
        a.decision,
        a.requestedBy,
        a.required ? time(a.expiresAtMillis) : null,
        approved ? a.decidedBy : null,
        approved ? at : null,
        rejected ? a.decidedBy : null,
        rejected ? at : null,
        a.note);
  }

  static StatusDocument.Flows flows(CampaignState.FlowWait f) {
    if (f == null) {
      return null;
    }
    boolean waiting = f.state == FlowsState.WAITING;
    return new StatusDocument.Flows(
        f.state,
        time(f.expectedAtMillis),
        time(f.deadlineAtMillis),
        f.waitingSinceMillis == null ? null : time(f.waitingSinceMillis),
        waiting && f.nextTryAtMillis != null ? time(f.nextTryAtMillis) : null,
        f.tries,
        f.lastAnswer,
        f.unavailableReason);
  }

  /** To the second: the milliseconds of a workflow task's own time mean nothing to a reader. */
  private static String time(long millis) {
    return ShanghaiTime.rfc3339(Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS));
  }
}
