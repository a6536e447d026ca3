package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.now;
import static com.campaigns.workflows.campaign.CampaignContext.rootMessage;

import com.campaigns.workflows.activity.FlowActivities;
import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.FlowWait;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.FlowRequest;
import com.campaigns.workflows.model.FlowResult;
import com.campaigns.workflows.model.FlowsState;
import com.campaigns.workflows.model.ReconcileRequest;
import com.campaigns.workflows.model.ReconcileSummary;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.rules.FlowPatience;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.WavePlanner;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The campaign's last stage: once WeChat Pay publishes the flow files (the day after the stock
 * ends, 10:00), download the use and refund flows and reconcile them with the ledger.
 *
 * <p>Each not-ready answer is a visible wait: the workflow records it, says when it tries again
 * (timers growing apart up to {@code flow_retry_max_interval}) and, once {@code flow_deadline} past
 * the expected publication has gone by, completes with the report marked {@code flows_unavailable}.
 * Campaigns that entered this stage before that change retry inside the activity until the files
 * come, as they did.
 */
final class FlowDownload {

  /** Before this change a not-ready file was retried by the activity's policy, without end. */
  static final String VISIBLE_WAIT_CHANGE = "flows-visible-wait";

  private static final Logger log = Workflow.getLogger(FlowDownload.class);
  private static final int MAX_ANSWER_LENGTH = 500;

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;
  private final DeadlineWait wait;

  FlowDownload(CampaignContext c, Journal journal, DeadlineWait wait) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
    this.wait = wait;
  }

  /**
   * Downloads and reconciles; returns early (stage unchanged) when a pause or cancel interrupts.
   */
  void run() {
    if (Workflow.getVersion(VISIBLE_WAIT_CHANGE, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      runRetryingInActivity();
    } else {
      runWaitingVisibly();
    }
  }

  private boolean interrupted() {
    return state.cancelRequest != null || state.pendingPause != null;
  }

  private Instant expected() {
    return WavePlanner.flowsReadyAt(c.spec, c.endTime());
  }

  private void enterDownloading() {
    if (state.phase != CampaignPhase.DOWNLOADING_FLOWS) {
      state.phase = CampaignPhase.DOWNLOADING_FLOWS;
      journal.publish();
    }
  }

  // ---------------------------------------------------------------- since flows-visible-wait

  private void runWaitingVisibly() {
    Instant expected = expected();
    if (state.flows == null) {
      FlowWait f = new FlowWait();
      f.expectedAtMillis = expected.toEpochMilli();
      f.deadlineAtMillis =
          FlowPatience.deadline(expected, c.settings.flowDeadline()).toEpochMilli();
      state.flows = f;
    }
    FlowWait f = state.flows;
    if (!wait.until(
        expected, "flow files published " + ShanghaiTime.display(expected), this::interrupted)) {
      return;
    }
    enterDownloading();
    while (!state.useFlowDownloaded || !state.refundFlowDownloaded) {
      if (f.nextTryAtMillis != null) {
        Instant next = Instant.ofEpochMilli(f.nextTryAtMillis);
        String summary =
            "try the flow files again "
                + ShanghaiTime.display(next)
                + " (waiting since "
                + ShanghaiTime.display(Instant.ofEpochMilli(f.waitingSinceMillis))
                + ")";
        if (!wait.until(next, summary, this::interrupted)) {
          return;
        }
      }
      if (f.state == FlowsState.EXPECTED) {
        f.state = FlowsState.DOWNLOADING;
      }
      String notReady = downloadMissing();
      if (notReady == null) {
        break;
      }
      notReady(f, notReady);
      if (f.state == FlowsState.UNAVAILABLE) {
        reconcile(ActivityPolicies.reconcile(), f.unavailableReason);
        return;
      }
    }
    f.state = FlowsState.DOWNLOADED;
    f.nextTryAtMillis = null;
    reconcile(ActivityPolicies.reconcile(), null);
  }

  /** Downloads the files still missing; null when both are stored, else the not-ready answer. */
  private String downloadMissing() {
    ActivityOptions options = ActivityPolicies.flowTry();
    FlowRequest request =
        new FlowRequest(state.campaignId, state.mchid, state.stockId, state.usedCount);
    try {
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
      return null;
    } catch (ActivityFailure e) {
      if (!isNotReady(e)) {
        throw e;
      }
      String answer = rootMessage(e);
      return answer == null || answer.length() <= MAX_ANSWER_LENGTH
          ? answer
          : answer.substring(0, MAX_ANSWER_LENGTH) + "…";
    }
  }

  /**
   * Not ready: WeChat Pay said so (FLOW_NOT_READY, whatever its wording), or the bounded attempts
   * of a transient error ran out. Anything refused for good (a credential missing, a code WeChat
   * Pay never retries) is not a wait.
   */
  static boolean isNotReady(ActivityFailure e) {
    if (e.getCause() instanceof ApplicationFailure af) {
      if (FailureTypes.FLOW_NOT_READY.equals(af.getType())) {
        return true;
      }
      if (af.isNonRetryable()) {
        return false;
      }
    }
    return e.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
        || e.getRetryState() == RetryState.RETRY_STATE_TIMEOUT;
  }

  private void notReady(FlowWait f, String answer) {
    Instant now = now();
    Instant deadline = Instant.ofEpochMilli(f.deadlineAtMillis);
    f.tries++;
    f.lastAnswer = answer;
    boolean first = f.waitingSinceMillis == null;
    if (first) {
      f.waitingSinceMillis = now.toEpochMilli();
      journal.record(
          CampaignEvent.FLOWS_WAITING,
          "WeChat Pay's flow files are not ready ("
              + answer
              + "); waiting until "
              + ShanghaiTime.display(deadline));
      log.info("flows_waiting campaign {} stock {}: {}", state.campaignId, state.stockId, answer);
    }
    if (!now.isBefore(deadline)) {
      f.state = FlowsState.UNAVAILABLE;
      f.nextTryAtMillis = null;
      f.unavailableReason = unavailableReason(f);
      journal.record(CampaignEvent.FLOWS_UNAVAILABLE, f.unavailableReason);
      log.warn(
          "flows_unavailable campaign {} stock {}: {}",
          state.campaignId,
          state.stockId,
          f.unavailableReason);
      return;
    }
    f.state = FlowsState.WAITING;
    f.nextTryAtMillis =
        FlowPatience.nextTry(
                now,
                f.tries,
                c.settings.flowRetryInterval(),
                c.settings.flowRetryMaxInterval(),
                deadline)
            .toEpochMilli();
    if (first) {
      journal.publish();
    } else {
      journal.showDetails();
    }
  }

  private String unavailableReason(FlowWait f) {
    String missing =
        !state.useFlowDownloaded && !state.refundFlowDownloaded
            ? "use and refund flows"
            : state.useFlowDownloaded ? "refund flow" : "use flow";
    return "WeChat Pay's "
        + missing
        + " of stock "
        + state.stockId
        + " did not appear by the deadline "
        + ShanghaiTime.display(Instant.ofEpochMilli(f.deadlineAtMillis))
        + " (expected "
        + ShanghaiTime.display(Instant.ofEpochMilli(f.expectedAtMillis))
        + ", "
        + f.tries
        + " tries; last answer: "
        + f.lastAnswer
        + ")";
  }

  // ---------------------------------------------------------------- before flows-visible-wait

  private void runRetryingInActivity() {
    Instant ready = expected();
    boolean due =
        wait.until(ready, "flow files published " + ShanghaiTime.display(ready), this::interrupted);
    if (!due) {
      return;
    }
    enterDownloading();
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
    reconcile(options, null);
  }

  // ---------------------------------------------------------------- both

  /**
   * Reconciles (what exists, when {@code unavailable} says why a file is missing) and completes.
   */
  private void reconcile(ActivityOptions options, String unavailable) {
    ReconcileSummary summary =
        ActivityStubs.flows("reconcile campaign " + state.campaignId, options)
            .reconcile(
                new ReconcileRequest(
                    state.campaignId,
                    state.stockId,
                    c.couponAmount(),
                    state.waves.stream().map(w -> w.name).toList(),
                    unavailable));
    state.reconciliation =
        new StatusDocument.Reconciliation(
            summary.balanced(),
            summary.mismatches(),
            summary.summary(),
            unavailable == null ? null : true);
    journal.record(CampaignEvent.RECONCILED, summary.summary());
    state.phase = CampaignPhase.COMPLETED;
    journal.record(
        CampaignEvent.COMPLETED,
        unavailable != null
            ? "flows unavailable: the report is not reconciled against WeChat Pay"
            : summary.balanced() ? "report balances" : "report does NOT balance");
    state.stage = Stage.DONE;
    journal.publish();
  }

  private FlowActivities flows(String kind, ActivityOptions options) {
    return ActivityStubs.flows("download " + kind + " flow of stock " + state.stockId, options);
  }

  private void recordDownload(CampaignEvent event, FlowResult flow) {
    journal.record(event, flow.rows() + " rows, " + flow.amount() + " fen, sha1 " + flow.sha1());
  }
}
