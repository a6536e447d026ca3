package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.Reconciliations;
import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.starter.security.Operator;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.starter.system.SpecRejected;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.model.WaveSpec;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.SpecValidator;
import com.campaigns.workflows.rules.Violation;
import com.campaigns.workflows.rules.WavePlanner;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The campaign facade over Temporal and the ledger. Starting is idempotent: the campaign index row
 * (campaign id + hash of the submitted spec) is the gate, and the workflow is started after it with
 * USE_EXISTING, so a retry after a crash between the two heals instead of failing or duplicating.
 */
@Service
public class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
  private static final int MAX_REASON_LENGTH = 200;

  private final WorkflowClient client;
  private final CampaignIndex index;
  private final Reconciliations reconciliations;
  private final AudienceStore audiences;
  private final WechatMerchants merchants;
  private final WorkflowProperties workflow;
  private final SpecReader reader;
  private final Clock clock;
  private final TemporalCalls calls;

  CampaignService(
      WorkflowClient client,
      CampaignIndex index,
      Reconciliations reconciliations,
      AudienceStore audiences,
      WechatMerchants merchants,
      WorkflowProperties workflow,
      SpecReader reader,
      Clock clock,
      TemporalCalls calls) {
    this.client = client;
    this.index = index;
    this.reconciliations = reconciliations;
    this.audiences = audiences;
    this.merchants = merchants;
    this.workflow = workflow;
    this.reader = reader;
    this.clock = clock;
    this.calls = calls;
  }

  /** A spec that passed every check, with the plan the workflow will follow. */
  public record Validated(CampaignSpec spec, WavePlanner.Plan plan) {}

  /** The answer to a start: the status document, and whether this call created the campaign. */
  public record Started(StatusDocument status, boolean created) {}

  /** Checks a spec as the workflow will, and plans it; {@link SpecRejected} lists every problem. */
  public Validated validate(byte[] body) {
    CampaignSpec spec = reader.read(body);
    int rate = merchants.rateLimit(spec.mchid(), SpecValidator.MAX_RATE_PER_SECOND);
    List<Violation> violations =
        SpecValidator.validate(
            spec,
            SpecValidator.Context.at(clock.instant())
                .withAudiences(id -> audiences.count(id).orElse(null))
                .withMerchants(merchants.appidsByMerchant(), rate));
    if (!violations.isEmpty()) {
      throw new SpecRejected(violations);
    }
    WavePlanner.Plan plan =
        WavePlanner.plan(
            spec,
            i -> recipients(spec.waves().get(i)),
            workflow.segmentSize(),
            rate,
            workflow.activationLead());
    return new Validated(spec, plan);
  }

  /**
   * Starts a campaign, or answers for the one already started with the same id and spec. Nothing
   * reaches WeChat Pay for an invalid spec: it is rejected before any workflow exists.
   */
  public Started start(byte[] body, Operator operator) {
    CampaignSpec submitted = validate(body).spec();
    String campaignId = submitted.campaignId() != null ? submitted.campaignId() : newCampaignId();
    CampaignSpec spec = submitted.withCampaignId(campaignId);
    String hash = reader.hash(spec);
    CampaignSpec stored = withStoredAudiences(spec);
    String workflowId = TemporalNames.workflowId(campaignId);
    boolean created =
        index.insert(
            campaignId,
            workflowId,
            spec.mchid(),
            spec.appid(),
            hash,
            reader.canonical(stored),
            stored.stock().budget(),
            operator.name());
    if (!created) {
      CampaignIndex.Entry existing =
          index
              .find(campaignId)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "campaign " + campaignId + " vanished from the index"));
      if (!hash.equals(existing.specHash())) {
        throw RequestRejected.conflict(
            "campaign_exists",
            "campaign "
                + campaignId
                + " already exists with a different spec; choose another campaign_id");
      }
    }
    try {
      CampaignWorkflow stub = stub(campaignId, stored);
      CampaignInput input =
          new CampaignInput(stored, hash, workflow.toSettings(), operator.name(), null);
      calls.call(() -> WorkflowClient.start(stub::run, input));
    } catch (WorkflowExecutionAlreadyStarted e) {
      // A closed run of this id: a repeat of a finished campaign is fine, a new campaign is not.
      if (created) {
        throw RequestRejected.conflict(
            "campaign_exists",
            "a workflow " + workflowId + " already ran; choose another campaign_id");
      }
    }
    if (created) {
      log.info("campaign {} started by {} (spec {})", campaignId, operator, hash.substring(0, 12));
    }
    return new Started(statusAfterStart(stored), created);
  }

  public List<CampaignSummary> list() {
    return index.list().stream().map(CampaignSummary::of).toList();
  }

  /** The status document from the workflow's {@code status} query (closed campaigns too). */
  public StatusDocument status(String campaignId) {
    CampaignWorkflow wf = workflow(campaignId);
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
    checkReason(reason);
    return update(
        campaignId,
        "not_pausable",
        wf -> wf.pauseCampaign(new PauseRequest(reason, operator.name())));
  }

  public StatusDocument resume(String campaignId, Operator operator) {
    return update(
        campaignId, "not_paused", wf -> wf.resumeCampaign(new ResumeRequest(operator.name())));
  }

  public StatusDocument cancel(String campaignId, String reason, Operator operator) {
    checkReason(reason);
    return update(
        campaignId,
        "not_cancellable",
        wf -> wf.cancelCampaign(new CancelRequest(reason, operator.name())));
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
    if (!knownId(campaignId)) {
      throw unknown(campaignId);
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
  private StatusDocument update(
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
    if (!knownId(campaignId)) {
      throw unknown(campaignId);
    }
    try {
      calls.call(
          () -> client.newUntypedWorkflowStub(TemporalNames.workflowId(campaignId)).describe());
    } catch (WorkflowNotFoundException e) {
      throw unknown(campaignId);
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
                throw unknown(campaignId);
              }
            });
  }

  private CampaignWorkflow stub(String campaignId, CampaignSpec spec) {
    return client.newWorkflowStub(
        CampaignWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(TemporalNames.workflowId(campaignId))
            .setTaskQueue(TemporalNames.TASK_QUEUE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(TemporalNames.CAMPAIGN_ID, campaignId)
                    .set(TemporalNames.MCHID, spec.mchid())
                    .set(TemporalNames.CAMPAIGN_STATUS, CampaignPhase.SCHEDULED.name())
                    .build())
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build());
  }

  /**
   * Right after a start the workflow answers its query once a worker has run its first task. When
   * no worker answers in time the campaign is still accepted, so answer with what is known.
   */
  private StatusDocument statusAfterStart(CampaignSpec spec) {
    try {
      CampaignWorkflow wf =
          client.newWorkflowStub(
              CampaignWorkflow.class, TemporalNames.workflowId(spec.campaignId()));
      return calls.call(wf::status);
    } catch (WorkflowException e) {
      log.warn(
          "campaign {} started, but its status query failed: {}", spec.campaignId(), e.toString());
      return accepted(spec);
    }
  }

  private StatusDocument accepted(CampaignSpec spec) {
    List<StatusDocument.Wave> waves = new ArrayList<>();
    for (WaveSpec w : spec.waves()) {
      waves.add(
          new StatusDocument.Wave(
              w.name(), WavePhase.PENDING, w.startAt(), recipients(w), 0, 0, 0));
    }
    return new StatusDocument(
        spec.campaignId(),
        TemporalNames.workflowId(spec.campaignId()),
        spec.mchid(),
        CampaignPhase.SCHEDULED,
        null,
        null,
        null,
        new StatusDocument.Tally(0, 0),
        new StatusDocument.Tally(0, 0),
        new StatusDocument.Rejected(0, Map.of()),
        new StatusDocument.Budget(spec.stock().budget(), 0, 0),
        waves,
        null,
        null,
        List.of());
  }

  /** Inline openids become a stored audience: workflows never carry openid lists. */
  private CampaignSpec withStoredAudiences(CampaignSpec spec) {
    List<WaveSpec> waves = new ArrayList<>();
    for (WaveSpec w : spec.waves()) {
      if (w.audience().openids() != null) {
        waves.add(
            w.withAudience(
                AudienceSpec.ofId(audiences.store(w.audience().openids()).audienceId())));
      } else {
        waves.add(w);
      }
    }
    return spec.withWaves(waves);
  }

  private long recipients(WaveSpec wave) {
    if (wave.audience().openids() != null) {
      return new HashSet<>(wave.audience().openids().stream().map(String::strip).toList()).size();
    }
    return audiences.count(wave.audience().audienceId()).orElse(0L);
  }

  /** A reason is kept in the campaign's history: keep it short. */
  private static void checkReason(String reason) {
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw RequestRejected.badRequest(
          "invalid_request", "reason must be at most " + MAX_REASON_LENGTH + " characters");
    }
  }

  private static boolean knownId(String campaignId) {
    return campaignId != null && SpecValidator.CAMPAIGN_ID.matcher(campaignId).matches();
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

  private static RequestRejected unknown(String campaignId) {
    return RequestRejected.notFound("no campaign " + campaignId);
  }

  private static String newCampaignId() {
    return "c-" + UUID.randomUUID().toString().replace("-", "");
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
