package com.campaigns.workflows.campaign;

import com.campaigns.workflows.activity.FlowActivities;
import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.FlowRequest;
import com.campaigns.workflows.model.FlowResult;
import com.campaigns.workflows.model.ReconcileRequest;
import com.campaigns.workflows.model.ReconcileSummary;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.WavePlanner;
import io.temporal.activity.ActivityOptions;
import java.time.Instant;

/**
 * The campaign's last stage: once WeChat Pay publishes the flow files (the day after the stock
 * ends, 10:00), download the use and refund flows and reconcile them with the ledger.
 */
final class FlowDownload {

  private final CampaignContext c;
  private final Journal journal;
  private final DeadlineWait wait;

  FlowDownload(CampaignContext c, Journal journal, DeadlineWait wait) {
    this.c = c;
    this.journal = journal;
    this.wait = wait;
  }

  /**
   * Downloads and reconciles; returns early (stage unchanged) when a pause or cancel interrupts.
   */
  void run() {
    CampaignState state = c.state;
    Instant ready = WavePlanner.flowsReadyAt(c.spec, c.endTime());
    boolean due =
        wait.until(
            ready,
            "flow files published " + ShanghaiTime.display(ready),
            () -> state.cancelRequest != null || state.pendingPause != null);
    if (!due) {
      return;
    }
    if (state.phase != CampaignPhase.DOWNLOADING_FLOWS) {
      state.phase = CampaignPhase.DOWNLOADING_FLOWS;
      journal.publish();
    }
    ActivityOptions options = ActivityPolicies.flows(c.settings.flowRetryInterval());
    FlowRequest request = new FlowRequest(state.campaignId, state.mchid, state.stockId);
    if (!state.useFlowDownloaded) {
      recordDownload(
          CampaignEvent.USE_FLOW_DOWNLOADED, flows("use", options).downloadUseFlow(request));
      state.useFlowDownloaded = true;
    }
    if (!state.refundFlowDownloaded) {
      recordDownload(
          CampaignEvent.REFUND_FLOW_DOWNLOADED,
          flows("refund", options).downloadRefundFlow(request));
      state.refundFlowDownloaded = true;
    }
    ReconcileSummary summary =
        ActivityStubs.flows("reconcile campaign " + state.campaignId, options)
            .reconcile(
                new ReconcileRequest(
                    state.campaignId,
                    state.stockId,
                    c.couponAmount(),
                    state.waves.stream().map(w -> w.name).toList()));
    state.reconciliation =
        new StatusDocument.Reconciliation(
            summary.balanced(), summary.mismatches(), summary.summary());
    journal.record(CampaignEvent.RECONCILED, summary.summary());
    state.phase = CampaignPhase.COMPLETED;
    journal.record(
        CampaignEvent.COMPLETED,
        summary.balanced() ? "report balances" : "report does NOT balance");
    state.stage = Stage.DONE;
    journal.publish();
  }

  private FlowActivities flows(String kind, ActivityOptions options) {
    return ActivityStubs.flows("download " + kind + " flow of stock " + c.state.stockId, options);
  }

  private void recordDownload(CampaignEvent event, FlowResult flow) {
    journal.record(event, flow.rows() + " rows, " + flow.amount() + " fen, sha1 " + flow.sha1());
  }
}
