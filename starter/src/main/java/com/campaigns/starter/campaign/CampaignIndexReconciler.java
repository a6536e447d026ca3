package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.workflows.model.StatusDocument;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the campaign index true to Temporal: a run terminated or timed out never writes its last
 * status, so its row would say RUNNING for ever. Every {@code
 * campaigns.api.index-reconcile-interval} (30 s) the rows in a status that is not final are
 * described (one call each, by workflow id, so a continued-as-new or reset chain is read at its
 * latest run) and those whose run is closed are settled. The write is conditional on the row not
 * being final yet, so several API replicas may run this at once.
 */
@Component
class CampaignIndexReconciler {

  private static final Logger log = LoggerFactory.getLogger(CampaignIndexReconciler.class);

  private final CampaignIndex index;
  private final ClosedCampaigns closed;
  private volatile boolean failing;

  CampaignIndexReconciler(CampaignIndex index, ClosedCampaigns closed) {
    this.index = index;
    this.closed = closed;
  }

  @Scheduled(
      initialDelayString = "${campaigns.api.index-reconcile-interval:30s}",
      fixedDelayString = "${campaigns.api.index-reconcile-interval:30s}")
  void scheduled() {
    try {
      reconcile();
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("campaign index not reconciled with Temporal: {}", e.toString());
      }
      failing = true;
    }
  }

  /** One pass; answers how many rows it settled. */
  int reconcile() {
    int settled = 0;
    for (CampaignIndex.Summary entry : index.unsettled()) {
      if (settle(entry)) {
        settled++;
      }
    }
    return settled;
  }

  private boolean settle(CampaignIndex.Summary entry) {
    Optional<StatusDocument.Closed> run;
    try {
      run = closed.runs().closed(closed.runs().describe(entry.campaignId()));
    } catch (WorkflowNotFoundException e) {
      // Indexed before its workflow starts (CampaignStarts), or its history is past retention.
      return false;
    }
    return run.isPresent() && closed.settle(entry.campaignId(), run.get());
  }
}
