package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.ledger.audience.AudienceTooLarge;
import com.campaigns.starter.audience.AudienceService;
import com.campaigns.starter.campaign.CampaignService.Started;
import com.campaigns.starter.campaign.CampaignService.Validated;
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
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.model.WaveSpec;
import com.campaigns.workflows.rules.Approvals;
import com.campaigns.workflows.rules.SpecValidator;
import com.campaigns.workflows.rules.Violation;
import com.campaigns.workflows.rules.WavePlanner;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Checks and starts campaigns. Starting is idempotent: the campaign index row (campaign id + hash
 * of the submitted spec) is the gate, and the workflow is started after it with USE_EXISTING, so a
 * retry after a crash between the two heals instead of failing or duplicating.
 */
@Service
class CampaignStarts {

  private static final Logger log = LoggerFactory.getLogger(CampaignStarts.class);

  private final WorkflowClient client;
  private final CampaignIndex index;
  private final AudienceStore audiences;
  private final WechatMerchants merchants;
  private final WorkflowProperties workflow;
  private final SpecReader reader;
  private final Clock clock;
  private final TemporalCalls calls;
  private final ApprovalProperties approval;

  CampaignStarts(
      WorkflowClient client,
      CampaignIndex index,
      AudienceStore audiences,
      WechatMerchants merchants,
      WorkflowProperties workflow,
      SpecReader reader,
      Clock clock,
      TemporalCalls calls,
      ApprovalProperties approval) {
    this.client = client;
    this.index = index;
    this.audiences = audiences;
    this.merchants = merchants;
    this.workflow = workflow;
    this.reader = reader;
    this.clock = clock;
    this.calls = calls;
    this.approval = approval;
  }

  /**
   * Checks a spec as the workflow will, and plans it; {@link SpecRejected} lists every problem. A
   * merchant outside the caller's scope is answered as one that is not configured.
   */
  Validated validate(byte[] body, Operator caller) {
    CampaignSpec spec = reader.read(body);
    int rate = merchants.rateLimit(spec.mchid(), SpecValidator.MAX_RATE_PER_SECOND);
    Function<String, Set<String>> appids = merchants.appidsByMerchant();
    List<Violation> violations =
        SpecValidator.validate(
            spec,
            SpecValidator.Context.at(clock.instant())
                .withAudiences(id -> audiences.count(id).orElse(null))
                .withMerchants(m -> caller.seesMerchant(m) ? appids.apply(m) : null, rate));
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
  Started start(byte[] body, Operator operator) {
    CampaignSpec submitted = validate(body, operator).spec();
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
          new CampaignInput(
              stored,
              hash,
              workflow.toSettings(),
              operator.name(),
              null,
              approval.thresholdFor(spec.mchid()));
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
   * no worker answers in time the campaign is still accepted, so answer with what is known
   * (awaiting approval when its budget is above the merchant's threshold).
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
        Approvals.required(spec.stock().budget(), approval.thresholdFor(spec.mchid()))
            ? CampaignPhase.AWAITING_APPROVAL
            : CampaignPhase.SCHEDULED,
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
        null,
        List.of(),
        null);
  }

  /** Inline openids become a stored audience: workflows never carry openid lists. */
  private CampaignSpec withStoredAudiences(CampaignSpec spec) {
    List<WaveSpec> waves = new ArrayList<>();
    for (WaveSpec w : spec.waves()) {
      if (w.audience().openids() != null) {
        String id;
        try {
          // The same limits as an upload (an inline list is far below them by default).
          id = audiences.store(w.audience().openids()).audienceId();
        } catch (AudienceTooLarge e) {
          throw AudienceService.refusal(e);
        }
        waves.add(w.withAudience(AudienceSpec.ofId(id)));
      } else {
        waves.add(w);
      }
    }
    return spec.withWaves(waves);
  }

  /** A wave's distinct recipients, from its inline list or its stored audience. */
  long recipients(WaveSpec wave) {
    if (wave.audience().openids() != null) {
      return new HashSet<>(wave.audience().openids().stream().map(String::strip).toList()).size();
    }
    return audiences.count(wave.audience().audienceId()).orElse(0L);
  }

  private static String newCampaignId() {
    return "c-" + UUID.randomUUID().toString().replace("-", "");
  }
}
