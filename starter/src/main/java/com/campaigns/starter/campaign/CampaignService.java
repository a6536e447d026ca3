package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.Reconciliations;
import com.campaigns.starter.security.Operator;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.starter.system.SpecRejected;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.WavePlanner;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The campaign facade over Temporal and the ledger: starts ({@link CampaignStarts}), status,
 * operator updates and the reconciliation report.
 */
@Service
public class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
  private static final int MAX_REASON_LENGTH = 200;

  private final WorkflowClient client;
  private final CampaignIndex index;
  private final Reconciliations reconciliations;
  private final TemporalCalls calls;
  private final CampaignStarts starts;
  private final ClosedCampaigns closedCampaigns;

  CampaignService(
      WorkflowClient client,
      CampaignIndex index,
      Reconciliations reconciliations,
      TemporalCalls calls,
      CampaignStarts starts,
      ClosedCampaigns closedCampaigns) {
    this.client = client;
    this.index = index;
    this.reconciliations = reconciliations;
    this.calls = calls;
    this.starts = starts;
    this.closedCampaigns = closedCampaigns;
  }

  /** A spec that passed every check, with the plan the workflow will follow. */
  public record Validated(CampaignSpec spec, WavePlanner.Plan plan) {}

  /** The answer to a start: the status document, and whether this call created the campaign. */
  public record Started(StatusDocument status, boolean created) {}

  /** Checks a spec as the workflow will, and plans it; {@link SpecRejected} lists every problem. */
  public Validated validate(byte[] body, Operator caller) {
    return starts.validate(body, caller);
  }

  /**
   * Starts a campaign, or answers for the one already started with the same id and spec. Nothing
   * reaches WeChat Pay for an invalid spec: it is rejected before any workflow exists.
   */
  public Started start(byte[] body, Operator operator) {
    return starts.start(body, operator);
  }

  /**
   * A page of the campaign list, newest first, read from the index's summary columns.
   *
   * @param mchids the merchants whose campaigns are listed; empty: every merchant's
   * @param cursor where the page starts ({@link CampaignList#next()} of the page before), or null
   * @param limit at most this many ({@link CampaignList#DEFAULT_LIMIT} when null)
   */
  public CampaignList list(Set<String> mchids, String cursor, Integer limit) {
    int n = CampaignList.limit(limit);
    CampaignIndex.Page page = index.list(mchids, CampaignList.after(cursor), n);
    return new CampaignList(
        page.campaigns().stream().map(CampaignSummary::of).toList(),
        CampaignList.cursor(page.next()),
        n);
  }

  /**
   * The status document from the workflow's {@code status} query; for a run Temporal reports
   * closed, see {@link ClosedCampaigns} (terminated and timed-out runs are answered from the
   * ledger, at once).
   */
  public StatusDocument status(String campaignId) {
    if (!KnownCampaigns.wellFormed(campaignId)) {
      throw KnownCampaigns.unknown(campaignId);
    }
    Optional<StatusDocument.Closed> closed;
    try {
      closed = closedCampaigns.runs().closed(closedCampaigns.runs().describe(campaignId));
    } catch (WorkflowNotFoundException e) {
      throw KnownCampaigns.unknown(campaignId);
    }
    if (closed.isPresent()) {
      return closedCampaigns.status(campaignId, closed.get());
    }
    CampaignWorkflow wf =
        client.newWorkflowStub(CampaignWorkflow.class, TemporalNames.workflowId(campaignId));
    try {
      return calls.call(wf::status);
    } catch (WorkflowNotFoundException | WorkflowQueryException e) {
      throw statusUnavailable(campaignId);
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw statusUnavailable(campaignId);
      }
      throw e;
    }
  }

  public StatusDocument pause(String campaignId, String reason, Operator operator) {
    PauseRequest request = new PauseRequest(checkedReason(reason), operator.name());
    return update(campaignId, "not_pausable", wf -> wf.pauseCampaign(request));
  }

  public StatusDocument resume(String campaignId, Operator operator) {
    return update(
        campaignId, "not_paused", wf -> wf.resumeCampaign(new ResumeRequest(operator.name())));
  }

  public StatusDocument cancel(String campaignId, String reason, Operator operator) {
    CancelRequest request = new CancelRequest(checkedReason(reason), operator.name());
    return update(campaignId, "not_cancellable", wf -> wf.cancelCampaign(request));
  }

  /** Moves a PENDING wave (an extension of SPEC §4). */
  public StatusDocument reschedule(
      String campaignId, String wave, String startAt, Operator operator) {
    if (startAt == null || ShanghaiTime.parse(startAt).isEmpty()) {
      throw RequestRejected.badRequest(
          "invalid_request",
          "start_at must be an RFC 3339 time with an offset, e.g. 2026-12-01T10:00:00+08:00");
    }
    return update(
        campaignId,
        "invalid_reschedule",
        wf -> wf.rescheduleWave(new RescheduleRequest(wave, startAt, operator.name())));
  }

  /** The stored reconciliation report; 409 while the flow files are not downloaded yet. */
  public ReconciliationReport report(String campaignId) {
    if (!KnownCampaigns.wellFormed(campaignId)) {
      throw KnownCampaigns.unknown(campaignId);
    }
    Optional<ReconciliationReport> report = reconciliations.find(campaignId);
    if (report.isPresent()) {
      return report.get();
    }
    String phase = phaseOf(campaignId);
    throw RequestRejected.conflict(
        "report_not_ready",
        "campaign "
            + campaignId
            + " is "
            + phase
            + "; its reconciliation report exists once the flow files are downloaded");
  }

  /**
   * Runs a validated update. A validator's rejection becomes 409 with the workflow's message; its
   * kind is the failure type (NOT_PAUSABLE → not_pausable), or {@code rejectedKind} when the SDK
   * did not carry the type (see {@link #kind}).
   */
  StatusDocument update(
      String campaignId, String rejectedKind, Function<CampaignWorkflow, StatusDocument> call) {
    CampaignWorkflow wf = workflow(campaignId);
    try {
      return calls.call(() -> call.apply(wf));
    } catch (WorkflowUpdateTimeoutOrCancelledException e) {
      throw new RequestRejected(
          HttpStatus.GATEWAY_TIMEOUT,
          "update_timeout",
          "campaign "
              + campaignId
              + " did not confirm within "
              + calls.timeout().toSeconds()
              + "s; it may still apply the request,"
              + " see GET /api/v1/campaigns/"
              + campaignId);
    } catch (WorkflowUpdateException e) {
      ApplicationFailure rejection = innermostApplicationFailure(e);
      if (rejection != null) {
        throw RequestRejected.conflict(
            kind(rejection.getType(), rejectedKind), rejection.getOriginalMessage());
      }
      throw e;
    } catch (WorkflowNotFoundException e) {
      throw RequestRejected.conflict(
          "campaign_closed",
          "campaign " + campaignId + " is " + phaseOf(campaignId) + " and accepts no more changes");
    }
  }

  /** The typed stub of an existing campaign; 404 when there is none. */
  private CampaignWorkflow workflow(String campaignId) {
    if (!KnownCampaigns.wellFormed(campaignId)) {
      throw KnownCampaigns.unknown(campaignId);
    }
    try {
      calls.call(
          () -> client.newUntypedWorkflowStub(TemporalNames.workflowId(campaignId)).describe());
    } catch (WorkflowNotFoundException e) {
      throw KnownCampaigns.unknown(campaignId);
    }
    return client.newWorkflowStub(CampaignWorkflow.class, TemporalNames.workflowId(campaignId));
  }

  /** The campaign's phase as the index knows it, else its run's state (404 when there is none). */
  private String phaseOf(String campaignId) {
    return index
        .find(campaignId)
        .map(CampaignIndex.Entry::status)
        .orElseGet(
            () -> {
              try {
                return calls
                    .call(
                        () ->
                            client
                                .newUntypedWorkflowStub(TemporalNames.workflowId(campaignId))
                                .describe())
                    .getStatus()
                    .name()
                    .replace("WORKFLOW_EXECUTION_STATUS_", "");
              } catch (WorkflowNotFoundException e) {
                throw KnownCampaigns.unknown(campaignId);
              }
            });
  }

  /** A reason is kept in the campaign's history: keep it short. */
  private static String checkedReason(String reason) {
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw RequestRejected.badRequest(
          "invalid_request", "reason must be at most " + MAX_REASON_LENGTH + " characters");
    }
    return reason;
  }

  private RequestRejected statusUnavailable(String campaignId) {
    return new RequestRejected(
        HttpStatus.SERVICE_UNAVAILABLE,
        "status_unavailable",
        "campaign "
            + campaignId
            + " did not answer its status query within "
            + calls.timeout().toSeconds()
            + "s (is a worker running?)");
  }

  /** The innermost ApplicationFailure of an update's failure chain. */
  private static ApplicationFailure innermostApplicationFailure(Throwable e) {
    ApplicationFailure found = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ApplicationFailure f) {
        found = f;
      }
    }
    return found;
  }

  /**
   * An update validator's failure type (NOT_PAUSABLE) as an error kind (not_pausable). Temporal SDK
   * 1.38 replaces a validator's failure type with the name of its internal wrapper exception (the
   * message survives); such a class name falls back to the update's own kind.
   */
  private static String kind(String failureType, String fallback) {
    if (failureType == null || failureType.contains(".")) {
      return fallback;
    }
    return failureType.toLowerCase(Locale.ROOT);
  }
}
