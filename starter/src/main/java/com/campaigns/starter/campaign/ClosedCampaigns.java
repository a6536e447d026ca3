package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.StatusDocument;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Campaigns whose run Temporal reports closed. A terminated or timed-out run never ran its own
 * cleanup nor wrote its last status: it is answered at once from the ledger, never through a status
 * query (which would replay a run that ended mid-wave and say RUNNING, or wait for the whole
 * timeout). A run that closed by itself is asked briefly, and answered from the ledger if it cannot
 * say. Either way the campaign index is settled to the final status.
 */
@Component
class ClosedCampaigns {

  private static final Logger log = LoggerFactory.getLogger(ClosedCampaigns.class);

  /** A closed run's query is replayed by a worker; past this the ledger answers instead. */
  static final Duration CLOSED_QUERY_TIMEOUT = Duration.ofSeconds(5);

  private final WorkflowClient client;
  private final TemporalCalls calls;
  private final ClosedRuns runs;
  private final LedgerStatus ledger;
  private final CampaignIndex index;

  ClosedCampaigns(
      WorkflowClient client,
      TemporalCalls calls,
      ClosedRuns runs,
      LedgerStatus ledger,
      CampaignIndex index) {
    this.client = client;
    this.calls = calls;
    this.runs = runs;
    this.ledger = ledger;
    this.index = index;
  }

  ClosedRuns runs() {
    return runs;
  }

  /** The status document of a closed campaign, with {@code closed}; settles the index. */
  StatusDocument status(String campaignId, StatusDocument.Closed closed) {
    CampaignIndex.Entry entry = index.find(campaignId).orElseGet(() -> unindexed(campaignId));
    StatusDocument doc = null;
    if (!endedFromOutside(closed)) {
      doc = workflowsWord(campaignId).map(d -> d.withClosed(closed)).orElse(null);
    }
    if (doc == null) {
      doc =
          ledger.document(
              entry,
              phase(closed, entry, null),
              closed,
              runs.tidiedStockStatus(campaignId).orElse(null));
    }
    if (!CampaignIndex.FINAL.contains(entry.status())) {
      settle(campaignId, doc.status());
    } else if (endedFromOutside(closed)
        && doc.status().name().equals(entry.status())
        && (entry.issuedCount() != doc.issued().count()
            || entry.usedAmount() != doc.used().amount())) {
      // Settled while its segments still sent: the list follows the ledger's later count.
      index.recount(
          campaignId,
          entry.status(),
          doc.issued().count(),
          doc.issued().amount(),
          doc.used().amount());
    }
    return doc;
  }

  /**
   * Writes a closed run's final status into the index (counts from the ledger), once: the
   * reconciler and every GET of a closed campaign call it, on any number of API replicas.
   */
  boolean settle(String campaignId, StatusDocument.Closed closed) {
    CampaignIndex.Entry entry = index.find(campaignId).orElse(null);
    if (entry == null || CampaignIndex.FINAL.contains(entry.status())) {
      return false;
    }
    CampaignPhase workflowPhase = null;
    if ("COMPLETED".equals(closed.executionStatus())) {
      workflowPhase = result(campaignId).map(StatusDocument::status).orElse(null);
    }
    return settle(campaignId, phase(closed, entry, workflowPhase));
  }

  private boolean settle(String campaignId, CampaignPhase phase) {
    if (phase == null || !phase.isTerminal()) {
      return false;
    }
    LedgerStatus.Totals t = ledger.totals(campaignId);
    boolean changed =
        index.settle(campaignId, phase.name(), t.issuedCount(), t.issuedAmount(), t.usedAmount());
    if (changed) {
      log.info(
          "campaign {} settled as {} in the index: {} coupons issued (ledger)",
          campaignId,
          phase,
          t.issuedCount());
    }
    return changed;
  }

  /** Terminated or timed out: Temporal ended the run, the workflow code had no last word. */
  static boolean endedFromOutside(StatusDocument.Closed closed) {
    return "TERMINATED".equals(closed.executionStatus())
        || "TIMED_OUT".equals(closed.executionStatus());
  }

  /**
   * The campaign's final phase: Temporal's verdict for a run ended from outside, else the
   * workflow's own (its result, or what it last wrote to the index when that is final).
   */
  static CampaignPhase phase(
      StatusDocument.Closed closed, CampaignIndex.Entry entry, CampaignPhase workflowPhase) {
    return switch (closed.executionStatus()) {
      case "TERMINATED" -> CampaignPhase.TERMINATED;
      case "TIMED_OUT" -> CampaignPhase.TIMED_OUT;
      case "FAILED" -> CampaignPhase.FAILED;
      case "CANCELED" -> CampaignPhase.CANCELLED;
      default -> {
        if (workflowPhase != null && workflowPhase.isTerminal()) {
          yield workflowPhase;
        }
        // Ended by the workflow itself without a stock to run (cancelled, rejected, expired).
        for (CampaignPhase ended :
            List.of(CampaignPhase.CANCELLED, CampaignPhase.REJECTED, CampaignPhase.EXPIRED)) {
          if (ended.name().equals(entry.status())) {
            yield ended;
          }
        }
        yield CampaignPhase.COMPLETED;
      }
    };
  }

  private Optional<StatusDocument> workflowsWord(String campaignId) {
    CampaignWorkflow wf =
        client.newWorkflowStub(CampaignWorkflow.class, TemporalNames.workflowId(campaignId));
    try {
      return Optional.ofNullable(calls.call(wf::status, CLOSED_QUERY_TIMEOUT));
    } catch (RuntimeException e) {
      log.info("closed campaign {} answered from the ledger: {}", campaignId, e.toString());
      return Optional.empty();
    }
  }

  private Optional<StatusDocument> result(String campaignId) {
    try {
      return runs.result(TemporalNames.workflowId(campaignId), StatusDocument.class);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A campaign started outside the API (no spec stored): identity only. */
  private static CampaignIndex.Entry unindexed(String campaignId) {
    return new CampaignIndex.Entry(
        campaignId,
        TemporalNames.workflowId(campaignId),
        null,
        null,
        "",
        "{}",
        null,
        "",
        null,
        0,
        0,
        0,
        0,
        null,
        null);
  }
}
