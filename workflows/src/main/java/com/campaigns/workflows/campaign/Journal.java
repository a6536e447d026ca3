package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.rootMessage;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.activity.LedgerActivities;
import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.FlowsState;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StatusRecord;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.StatusProjection;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Everything a campaign tells the outside: its history entries, the status document, the search
 * attributes ops filter on, the campaign index the API lists from, and the details the Web UI
 * shows.
 */
final class Journal {

  private static final Logger log = Workflow.getLogger(Journal.class);
  private static final int MAX_HISTORY_ENTRIES = 200;

  /**
   * Before this change a refused index write was only logged; histories from then replay as such.
   */
  static final String INDEX_BEHIND_CHANGE = "index-behind-recorded";

  private final CampaignContext c;
  private final CampaignState state;
  private final LedgerActivities ledger =
      Workflow.newLocalActivityStub(LedgerActivities.class, ActivityPolicies.recordStatus());

  Journal(CampaignContext c) {
    this.c = c;
    this.state = c.state;
  }

  void record(CampaignEvent event, String detail) {
    state.history.add(
        new StatusDocument.HistoryEntry(
            ShanghaiTime.rfc3339(CampaignContext.now()), event.name(), detail));
    if (state.history.size() > MAX_HISTORY_ENTRIES) {
      state.history.remove(0);
    }
  }

  StatusDocument status() {
    return StatusProjection.project(state, c.spec);
  }

  /** The identity search attributes, set once when the campaign is scheduled. */
  void publishIdentity() {
    Workflow.upsertTypedSearchAttributes(
        TemporalNames.CAMPAIGN_ID.valueSet(state.campaignId),
        TemporalNames.MCHID.valueSet(state.mchid));
  }

  /** Pushes the phase to search attributes, the campaign index and the Web UI's details. */
  void publish() {
    if (state.publishedPhase != state.phase
        || !Objects.equals(state.publishedStockId, state.stockId)) {
      if (state.stockId != null) {
        Workflow.upsertTypedSearchAttributes(
            TemporalNames.CAMPAIGN_STATUS.valueSet(state.phase.name()),
            TemporalNames.STOCK_ID.valueSet(state.stockId));
      } else {
        Workflow.upsertTypedSearchAttributes(
            TemporalNames.CAMPAIGN_STATUS.valueSet(state.phase.name()));
      }
      state.publishedPhase = state.phase;
      state.publishedStockId = state.stockId;
    }
    StatusDocument doc = status();
    try {
      ledger.recordStatus(
          new StatusRecord(
              state.campaignId,
              state.mchid,
              state.stockId,
              state.phase,
              doc.issued().count(),
              doc.issued().amount(),
              doc.used().amount(),
              doc.budget().maxAmount(),
              state.pause == null ? null : state.pause.reason.name()));
      state.indexBehindSinceMillis = null;
    } catch (ActivityFailure f) {
      indexRefused(f);
    }
    Workflow.setCurrentDetails(details(doc));
  }

  /** Refreshes only the Web UI's details (no event): for changes the index does not hold. */
  void showDetails() {
    Workflow.setCurrentDetails(details(status()));
  }

  /** The index is written whole at every publish: one that was refused is repaired by the next. */
  void repairIndexIfBehind() {
    if (state.indexBehindSinceMillis != null) {
      publish();
    }
  }

  private void indexRefused(ActivityFailure failure) {
    log.warn("campaign index not updated: {}", rootMessage(failure));
    if (Workflow.getVersion(INDEX_BEHIND_CHANGE, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    if (state.indexBehindSinceMillis == null) {
      state.indexBehindSinceMillis = Workflow.currentTimeMillis();
      record(
          CampaignEvent.INDEX_BEHIND,
          "the campaign index refused an update ("
              + rootMessage(failure)
              + "); it is written again at the next change or stock check");
    }
  }

  private String details(StatusDocument doc) {
    StringBuilder b = new StringBuilder();
    b.append("**").append(doc.status()).append("**");
    if (doc.pause() != null) {
      b.append(" (")
          .append(doc.pause().reason())
          .append(": ")
          .append(doc.pause().detail())
          .append(")");
    }
    b.append("\n\nstock ")
        .append(doc.stockId() == null ? "-" : doc.stockId())
        .append(" · issued ")
        .append(doc.issued().count())
        .append(" · rejected ")
        .append(doc.rejected().count())
        .append(" · used ")
        .append(doc.used().count())
        .append(" · budget ")
        .append(doc.budget().issuedPercent())
        .append("% issued");
    for (StatusDocument.Wave w : doc.waves()) {
      b.append("\n- wave ")
          .append(w.name())
          .append(": ")
          .append(w.status())
          .append(", ")
          .append(w.issued())
          .append("/")
          .append(w.recipients());
    }
    StatusDocument.Approval approval = doc.approval();
    if (approval != null && approval.required()) {
      b.append("\n\n");
      switch (approval.decision()) {
        case PENDING ->
            b.append("⏳ awaiting approval by an approver other than ")
                .append(approval.requestedBy())
                .append(" until ")
                .append(approval.expiresAt())
                .append(" (update `approve` or `reject`)");
        case APPROVED ->
            b.append("✅ approved by ")
                .append(approval.approvedBy())
                .append(" at ")
                .append(approval.approvedAt());
        case REJECTED ->
            b.append("⛔ rejected by ")
                .append(approval.rejectedBy())
                .append(" at ")
                .append(approval.rejectedAt());
        default ->
            b.append("⌛ approval expired at ").append(approval.expiresAt()).append(", no stock");
      }
    }
    StatusDocument.Flows flows = doc.flows();
    if (flows != null && flows.state() == FlowsState.WAITING) {
      b.append("\n\n⏳ waiting for WeChat Pay's flow files since ")
          .append(flows.waitingSince())
          .append(", next try at ")
          .append(flows.nextTryAt())
          .append(" (deadline ")
          .append(flows.deadline())
          .append(")");
    }
    if (doc.reconciliation() != null) {
      b.append("\n\n")
          .append(
              Boolean.TRUE.equals(doc.reconciliation().flowsUnavailable())
                  ? "⚠️ FLOWS UNAVAILABLE"
                  : doc.reconciliation().balanced()
                      ? "✅ report balances"
                      : "⚠️ REPORT DOES NOT BALANCE")
          .append(": ")
          .append(doc.reconciliation().summary());
    }
    if (state.indexBehindSinceMillis != null) {
      b.append("\n\n⚠️ campaign index behind since ")
          .append(ShanghaiTime.display(Instant.ofEpochMilli(state.indexBehindSinceMillis)));
    }
    return b.toString();
  }
}
