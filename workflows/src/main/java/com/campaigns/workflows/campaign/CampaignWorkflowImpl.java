package com.campaigns.workflows.campaign;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.activity.FlowActivities;
import com.campaigns.workflows.activity.IssuanceActivities;
import com.campaigns.workflows.activity.LedgerActivities;
import com.campaigns.workflows.activity.StockActivities;
import com.campaigns.workflows.campaign.CampaignState.PauseInfo;
import com.campaigns.workflows.campaign.CampaignState.SegmentState;
import com.campaigns.workflows.campaign.CampaignState.Stage;
import com.campaigns.workflows.campaign.CampaignState.WaveState;
import com.campaigns.workflows.model.AudienceInfo;
import com.campaigns.workflows.model.CallbackRequest;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.CreateStockRequest;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.FlowRequest;
import com.campaigns.workflows.model.FlowResult;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueResult;
import com.campaigns.workflows.model.MerchantCheck;
import com.campaigns.workflows.model.OutRequestNo;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.ReconcileRequest;
import com.campaigns.workflows.model.ReconcileSummary;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.SegmentTotals;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StatusRecord;
import com.campaigns.workflows.model.StockCheck;
import com.campaigns.workflows.model.StockCommand;
import com.campaigns.workflows.model.StockCreated;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.model.UsageReport;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.model.WaveSpec;
import com.campaigns.workflows.model.WaveSummary;
import com.campaigns.workflows.model.WaveSummaryRequest;
import com.campaigns.workflows.rules.BudgetGuard;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.SpecValidator;
import com.campaigns.workflows.rules.StatusProjection;
import com.campaigns.workflows.rules.Violation;
import com.campaigns.workflows.rules.WavePlanner;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The campaign lifecycle. The method {@link #run} reads like the business process: create the
 * stock, activate it, issue each wave, wait for the end, download and reconcile the flows. Signals
 * and updates only record intentions (pause, resume, cancel, reschedule); the main thread enacts
 * them at safe points, so every WeChat Pay call happens in one place and in a known order.
 *
 * <p>Issuance is a few heartbeating IssueCoupons activities per wave (one per segment of
 * {@code segment_size} recipients), checkpointed in the ledger: history grows with segments, not
 * coupons, and a resumed or retried segment continues at the exact recipient. Long waits and long
 * campaigns continue as new at safe points, carrying {@link CampaignState} whole.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

  private static final Logger log = Workflow.getLogger(CampaignWorkflowImpl.class);
  private static final int MAX_HISTORY_ENTRIES = 200;
  /** Validation inside the workflow tolerates the delay between the API's check and the start. */
  private static final Duration START_GRACE = Duration.ofMinutes(30);
  /** While paused with MERCHANT_UNAVAILABLE, the workers are asked this often whether it is back. */
  static final Duration MERCHANT_CHECK_INTERVAL = Duration.ofMinutes(1);

  private final CampaignInput input;
  private final CampaignSpec spec;
  private final CampaignSettings settings;
  private final CampaignState state;
  private final LedgerActivities ledger =
      Workflow.newLocalActivityStub(LedgerActivities.class, ActivityPolicies.recordStatus());
  private final StockActivities stockCheck =
      Workflow.newLocalActivityStub(StockActivities.class, ActivityPolicies.stockCheck());

  @WorkflowInit
  public CampaignWorkflowImpl(CampaignInput input) {
    this.input = input;
    this.spec = input.spec();
    this.settings = input.settings() == null ? CampaignSettings.defaults() : input.settings();
    this.state = input.state() != null ? input.state() : initialState(input.spec());
  }

  private static CampaignState initialState(CampaignSpec spec) {
    CampaignState s = new CampaignState();
    var info = Workflow.getInfo();
    s.campaignId = spec.campaignId();
    s.workflowId = info.getWorkflowId();
    s.mchid = spec.mchid();
    s.campaignKey = OutRequestNo.campaignKey(spec.mchid(), spec.campaignId(), info.getFirstExecutionRunId());
    var day = ShanghaiTime.day(Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    s.stockOutRequestNo = OutRequestNo.forStock(spec.mchid(), day, s.campaignKey);
    s.couponPrefix = OutRequestNo.couponPrefix(spec.mchid(), day, s.campaignKey);
    if (spec.waves() != null) {
      for (WaveSpec w : spec.waves()) {
        WaveState ws = new WaveState();
        ws.name = w.name();
        ws.startAt = w.startAt();
        ws.audienceId = w.audience() == null ? null : w.audience().audienceId();
        // 0 = the merchant's ceiling, which only the workers know (it is configured per merchant).
        ws.ratePerSecond = w.ratePerSecond() == null ? 0 : w.ratePerSecond();
        s.waves.add(ws);
      }
    }
    for (int i = 0; i < thresholds(spec).size(); i++) {
      s.thresholdFired.add(false);
    }
    return s;
  }

  // ---------------------------------------------------------------- the lifecycle

  @Override
  public StatusDocument run(CampaignInput ignored) {
    try {
      if (state.stage == Stage.NEW) {
        begin();
      }
      while (state.stage != Stage.DONE) {
        if (state.cancelRequest != null) {
          cancelNow(state.cancelRequest);
          break;
        }
        continueAsNewIfDue();
        try {
          switch (state.stage) {
            case CREATE_STOCK -> createStock();
            case AWAIT_ACTIVATION -> awaitActivation();
            case ACTIVATE -> activate();
            case WAVES -> runWaves();
            case AWAIT_END -> awaitEnd();
            case FLOWS -> downloadFlows();
            default -> throw new IllegalStateException("unexpected stage " + state.stage);
          }
        } catch (ActivityFailure e) {
          if (!merchantUnavailable(e) || CancellationScope.current().isCancelRequested()) {
            throw e;
          }
          // The workers hold no credentials for the merchant: pause, not fail; the stage is re-entered
          // on resume and repeats the call (every call is idempotent).
          requestMerchantPause(e, false);
        }
      }
    } catch (CanceledFailure e) {
      // Cancellation requested through Temporal itself (Web UI, CLI): leave the stock paused.
      Workflow.newDetachedCancellationScope(
              () -> cancelNow(new CancelRequest("workflow cancellation requested", "temporal")))
          .run();
      throw e;
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested()) {
        Workflow.newDetachedCancellationScope(
                () -> cancelNow(new CancelRequest("workflow cancellation requested", "temporal")))
            .run();
        throw new CanceledFailure("campaign cancelled through Temporal");
      }
      failCampaign(e);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return status();
  }

  private void begin() {
    Instant now = now();
    List<Violation> violations = new ArrayList<>(SpecValidator.validate(spec,
        SpecValidator.Context.at(startedAt().minus(START_GRACE)).withAudiences(id -> 1L)));
    if (spec.waves() != null) {
      for (int i = 0; i < spec.waves().size(); i++) {
        WaveSpec w = spec.waves().get(i);
        if (w != null && w.audience() != null && w.audience().openids() != null) {
          violations.add(new Violation("waves[" + i + "].audience.openids",
              "inline openids must be stored as an audience before the workflow starts"));
        }
      }
    }
    if (spec.campaignId() == null) {
      violations.add(new Violation("campaign_id", "is required to start the workflow"));
    }
    if (!violations.isEmpty()) {
      state.phase = CampaignPhase.FAILED;
      state.failure = new StatusDocument.Failure(FailureTypes.INVALID_SPEC, violations.toString());
      record("FAILED", "invalid spec: " + violations);
      publish();
      state.stage = Stage.DONE;
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid campaign spec: " + violations, FailureTypes.INVALID_SPEC);
    }
    Workflow.upsertTypedSearchAttributes(
        TemporalNames.CAMPAIGN_ID.valueSet(state.campaignId), TemporalNames.MCHID.valueSet(state.mchid));
    record("SCHEDULED", "starts " + ShanghaiTime.display(beginTime()) + ", by " + nullToDash(input.startedBy()));
    publish();
    state.callbackPending = settings.notifyUrl() != null;
    state.stage = Stage.CREATE_STOCK;
    log.info("campaign {} scheduled at {}", state.campaignId, now);
  }

  private void createStock() {
    if (holdIfPaused()) {
      return;
    }
    if (state.callbackPending) {
      stock("set COUPON.USE callback", ActivityPolicies.stockCalls())
          .setCallback(new CallbackRequest(state.mchid, settings.notifyUrl()));
      state.callbackPending = false;
    }
    state.phase = CampaignPhase.CREATING_STOCK;
    publish();
    StockCreated created = stock("create stock " + spec.stock().stockName(), ActivityPolicies.stockCalls())
        .createStock(new CreateStockRequest(state.campaignId, state.mchid, state.stockOutRequestNo, spec.stock()));
    state.stockId = created.stockId();
    state.stockStatus = "unactivated";
    state.phase = CampaignPhase.SCHEDULED;
    record("STOCK_CREATED", "stock " + created.stockId());
    state.stage = Stage.AWAIT_ACTIVATION;
    publish();
  }

  private void awaitActivation() {
    if (holdIfPaused()) {
      return;
    }
    Instant at = beginTime().minus(settings.activationLead());
    boolean due = waitUntil(at, "activate stock " + state.stockId + " at " + ShanghaiTime.display(at),
        this::interruptRequested);
    if (due) {
      state.stage = Stage.ACTIVATE;
    }
  }

  private void activate() {
    if (holdIfPaused()) {
      return;
    }
    if (!now().isBefore(endTime())) {
      state.stage = Stage.AWAIT_END;
      return;
    }
    state.phase = CampaignPhase.ACTIVATING;
    publish();
    var started = stock("activate stock " + state.stockId, ActivityPolicies.stockCalls()).activateStock(command());
    state.stockStatus = started.status();
    state.phase = CampaignPhase.RUNNING;
    state.nextStockCheckAtMillis = Workflow.currentTimeMillis() + settings.stockCheckInterval().toMillis();
    record("ACTIVATED", "stock " + state.stockId + " is " + started.status());
    state.stage = Stage.WAVES;
    publish();
  }

  private void runWaves() {
    List<Integer> order = WavePlanner.runOrder(spec.waves());
    while (state.nextWavePosition < order.size()) {
      if (holdIfPaused() || state.cancelRequest != null) {
        return;
      }
      if (!now().isBefore(endTime())) {
        abandonUnfinishedWaves("the stock ended before the wave finished");
        break;
      }
      continueAsNewIfDue();
      int index = order.get(state.nextWavePosition);
      WaveState wave = state.waves.get(index);
      if (wave.status == WavePhase.PENDING) {
        Instant start = ShanghaiTime.parse(wave.startAt).orElseThrow();
        int version = state.scheduleVersion;
        boolean due = waitUntil(start, "wave " + wave.name + " starts " + ShanghaiTime.display(start),
            () -> interruptRequested() || state.scheduleVersion != version);
        if (!due) {
          continue;
        }
      }
      if (issueWave(index)) {
        state.nextWavePosition++;
      }
    }
    if (state.nextWavePosition >= order.size()) {
      state.stage = Stage.AWAIT_END;
    }
  }

  /**
   * Issues a wave's segments, a few at a time. Returns true once every segment is done; false when
   * a pause, a cancel, the end of the stock or a continue-as-new interrupts it (progress is kept).
   */
  private boolean issueWave(int index) {
    WaveState wave = state.waves.get(index);
    if (wave.recipients == null) {
      AudienceInfo info = issuance("count audience of wave " + wave.name, ActivityPolicies.ledgerReads())
          .describeAudience(wave.audienceId);
      wave.recipients = info.count();
      for (int i = 0; i < WavePlanner.segmentCount(info.count(), settings.segmentSize()); i++) {
        wave.segments.add(new SegmentState());
      }
    }
    if (wave.status != WavePhase.RUNNING) {
      record(wave.status == WavePhase.PENDING ? "WAVE_STARTED" : "WAVE_RESUMED",
          "wave " + wave.name + ": " + wave.recipients + " recipients at "
              + (wave.ratePerSecond > 0 ? wave.ratePerSecond + "/s" : "the merchant's rate"));
      wave.status = WavePhase.RUNNING;
      publish();
    }
    List<WavePlanner.Segment> segments = WavePlanner.segments(wave.recipients, settings.segmentSize());
    Map<Integer, Promise<IssueResult>> running = new LinkedHashMap<>();
    Map<Integer, CancellationScope> scopes = new LinkedHashMap<>();
    Map<Integer, Long> grants = new LinkedHashMap<>();
    boolean cancelSent = false;
    boolean refresh = false;
    Timer stockEnds = Timer.start(Duration.between(now(), endTime()), "stock " + state.stockId + " ends");
    try {
    while (true) {
      boolean stopLaunching = interruptRequested() || continueAsNewDue() || stockEnds.fired();
      if (!stopLaunching) {
        // A round launched into an idle wave (its start, a resume) is staggered; later launches
        // replace one segment each and keep the stagger.
        boolean idle = running.isEmpty();
        int launched = 0;
        for (WavePlanner.Segment seg : segments) {
          if (running.size() >= settings.segmentParallelism()) {
            break;
          }
          SegmentState ss = wave.segments.get(seg.index());
          if (ss.done || running.containsKey(seg.index())) {
            continue;
          }
          long cap = -1;
          long allowance = issuedAllowance() - grants.values().stream().mapToLong(Long::longValue).sum();
          if (allowance != Long.MAX_VALUE) {
            if (allowance <= 0) {
              break;
            }
            long grant = Math.min(allowance, seg.toSeq() - seg.fromSeq() - ss.totals.issued());
            cap = ss.totals.issued() + grant;
            grants.put(seg.index(), grant);
          }
          IssueRequest request = new IssueRequest(state.campaignId, state.mchid, spec.appid(), state.stockId, index,
              wave.audienceId, seg.fromSeq(), seg.toSeq(), couponAmount(), wave.ratePerSecond, cap,
              state.couponPrefix, idle ? WavePlanner.stagger(launched, settings.segmentParallelism()) : 0);
          launched++;
          IssuanceActivities stub = issuance(
              "issue wave " + wave.name + " segment " + (seg.index() + 1) + "/" + segments.size()
                  + " (recipients " + seg.fromSeq() + "-" + (seg.toSeq() - 1) + ")",
              ActivityPolicies.issueCoupons(seg.toSeq() - seg.fromSeq(), wave.ratePerSecond));
          List<Promise<IssueResult>> holder = new ArrayList<>(1);
          CancellationScope scope = Workflow.newCancellationScope(
              () -> holder.add(Async.function(stub::issueCoupons, request)));
          scope.run();
          running.put(seg.index(), holder.get(0));
          scopes.put(seg.index(), scope);
        }
      }
      if (running.isEmpty()) {
        if (refresh) {
          refreshWaveTotals(index);
        }
        if (wave.allSegmentsDone()) {
          wave.status = WavePhase.DONE;
          SegmentTotals t = wave.totals();
          record("WAVE_DONE", "wave " + wave.name + ": issued " + t.issued() + ", rejected " + t.rejected()
              + ", failed " + t.failed());
          publish();
          return true;
        }
        if (!stopLaunching) {
          checkThresholds();
          if (state.pendingPause == null) {
            throw new IllegalStateException("wave " + wave.name + " cannot progress: issue cap reached"
                + " without a threshold to pause for");
          }
        }
        return false;
      }
      final boolean alreadyCancelling = cancelSent;
      Workflow.await(() -> running.values().stream().anyMatch(Promise::isCompleted)
          || (!alreadyCancelling && (cancelSegmentsNeeded() || stockEnds.fired())));
      for (Integer seg : new ArrayList<>(running.keySet())) {
        Promise<IssueResult> p = running.get(seg);
        if (!p.isCompleted()) {
          continue;
        }
        running.remove(seg);
        scopes.remove(seg);
        grants.remove(seg);
        try {
          onSegmentResult(wave, seg, p.get());
        } catch (ActivityFailure f) {
          if (f.getCause() instanceof CanceledFailure) {
            refresh = true;
          } else if (merchantUnavailable(f)) {
            // The segment recorded what it issued. The others stop by themselves at their next send on a
            // worker without the merchant (cancelling them could race their own failure).
            refresh = true;
            requestMerchantPause(f, true);
          } else {
            throw f;
          }
        }
      }
      // Cancel only what is still running: a cancel for a completed activity is refused by the server.
      if (!cancelSent && !running.isEmpty() && (cancelSegmentsNeeded() || stockEnds.fired())) {
        for (Integer seg : running.keySet()) {
          scopes.get(seg).cancel();
        }
        cancelSent = true;
      }
    }
    } finally {
      if (!stockEnds.fired()) {
        stockEnds.cancel();
      }
    }
  }

  private void onSegmentResult(WaveState wave, int segment, IssueResult result) {
    SegmentState ss = wave.segments.get(segment);
    ss.totals = result.totals();
    if (!now().isBefore(endTime()) && result.stop() != com.campaigns.workflows.model.IssueStop.COMPLETED) {
      publish();
      return;
    }
    switch (result.stop()) {
      case COMPLETED -> ss.done = true;
      case CAP_REACHED -> checkThresholds();
      case DAILY_LIMIT -> requestPause(fromIssuance(new PauseInfo(PauseReason.DAILY_LIMIT,
          "max_amount_by_day reached: " + result.stopMessage(), "budget-guard",
          ShanghaiTime.nextMidnight(now()).toEpochMilli())));
      case STOCK_NOT_RUNNING -> requestPause(fromIssuance(new PauseInfo(PauseReason.STOCK_STATE,
          "WeChat Pay says stock " + state.stockId + " is not running: " + result.stopMessage(), "wechat-pay",
          null)));
      case STOCK_LEVEL -> requestPause(fromIssuance(new PauseInfo(PauseReason.WECHAT_ERROR,
          result.stopCode() + ": " + result.stopMessage(), "wechat-pay", null)));
      default -> throw new IllegalStateException("unknown stop " + result.stop());
    }
    checkThresholds();
    publish();
  }

  private static PauseInfo fromIssuance(PauseInfo pause) {
    pause.fromIssuance = true;
    return pause;
  }

  private void refreshWaveTotals(int index) {
    WaveState wave = state.waves.get(index);
    WaveSummary summary = issuance("read wave " + wave.name + " totals", ActivityPolicies.ledgerReads())
        .summarizeWave(new WaveSummaryRequest(state.campaignId, index, wave.recipients, settings.segmentSize()));
    for (int i = 0; i < summary.segments().size() && i < wave.segments.size(); i++) {
      wave.segments.get(i).totals = summary.segments().get(i);
    }
  }

  private void awaitEnd() {
    if (holdIfPaused()) {
      return;
    }
    Instant end = endTime();
    boolean due = waitUntil(end, "stock " + state.stockId + " ends " + ShanghaiTime.display(end),
        this::interruptRequested);
    if (!due) {
      return;
    }
    state.phase = CampaignPhase.ENDED;
    state.pause = null;
    state.stockStatus = "stoped";
    abandonUnfinishedWaves("the stock ended");
    record("ENDED", "stock " + state.stockId + " ended " + ShanghaiTime.display(end));
    state.stage = spec.downloadFlows() ? Stage.FLOWS : Stage.DONE;
    if (state.stage == Stage.DONE) {
      state.phase = CampaignPhase.COMPLETED;
      record("COMPLETED", "flow download disabled");
    }
    publish();
  }

  private void downloadFlows() {
    if (holdIfPaused()) {
      return;
    }
    Instant ready = WavePlanner.flowsReadyAt(spec, endTime());
    boolean due = waitUntil(ready, "flow files published " + ShanghaiTime.display(ready),
        () -> state.cancelRequest != null || state.pendingPause != null);
    if (!due) {
      return;
    }
    if (state.phase != CampaignPhase.DOWNLOADING_FLOWS) {
      state.phase = CampaignPhase.DOWNLOADING_FLOWS;
      publish();
    }
    ActivityOptions options = ActivityPolicies.flows(settings.flowRetryInterval());
    FlowRequest request = new FlowRequest(state.campaignId, state.mchid, state.stockId);
    if (!state.useFlowDownloaded) {
      FlowResult use = flows("download use flow of stock " + state.stockId, options).downloadUseFlow(request);
      state.useFlowDownloaded = true;
      record("USE_FLOW_DOWNLOADED", use.rows() + " rows, " + use.amount() + " fen, sha1 " + use.sha1());
    }
    if (!state.refundFlowDownloaded) {
      FlowResult refund = flows("download refund flow of stock " + state.stockId, options).downloadRefundFlow(request);
      state.refundFlowDownloaded = true;
      record("REFUND_FLOW_DOWNLOADED", refund.rows() + " rows, " + refund.amount() + " fen, sha1 " + refund.sha1());
    }
    ReconcileSummary summary = flows("reconcile campaign " + state.campaignId, options)
        .reconcile(new ReconcileRequest(state.campaignId, state.stockId, couponAmount(),
            state.waves.stream().map(w -> w.name).toList()));
    state.reconciliation = new StatusDocument.Reconciliation(summary.balanced(), summary.mismatches(), summary.summary());
    record("RECONCILED", summary.summary());
    state.phase = CampaignPhase.COMPLETED;
    record("COMPLETED", summary.balanced() ? "report balances" : "report does NOT balance");
    state.stage = Stage.DONE;
    publish();
  }

  // ---------------------------------------------------------------- pause, resume, cancel

  /**
   * Enacts a requested pause and holds while paused. Returns true when the caller must re-evaluate
   * (still paused because the stock ended or a cancel came), false when the campaign runs.
   */
  private boolean holdIfPaused() {
    if (state.pendingPause != null && state.phase != CampaignPhase.PAUSED) {
      enactPause();
    }
    while (state.phase == CampaignPhase.PAUSED) {
      if (state.cancelRequest != null) {
        return true;
      }
      if (state.pendingPause != null) {
        escalatePause();
      }
      if (!now().isBefore(endTime()) && state.stockId != null && state.stage != Stage.CREATE_STOCK
          && state.stage != Stage.FLOWS) {
        state.pause = null;
        state.phase = CampaignPhase.RUNNING;
        state.stage = Stage.AWAIT_END;
        return true;
      }
      if (state.pause.reason == PauseReason.MERCHANT_UNAVAILABLE) {
        holdForMerchant();
        continue;
      }
      Long resumeAt = state.pause.resumeAtMillis;
      Instant deadline = resumeAt == null ? endTime() : min(Instant.ofEpochMilli(resumeAt), endTime());
      String summary = resumeAt == null
          ? "paused (" + state.pause.reason + ") until resumed"
          : "paused (" + state.pause.reason + ") until " + ShanghaiTime.display(Instant.ofEpochMilli(resumeAt));
      waitUntil(deadline, summary, () -> state.resumeRequestedBy != null || state.cancelRequest != null
          || state.pendingPause != null);
      if (state.resumeRequestedBy != null) {
        resumeNow(state.resumeRequestedBy);
      } else if (resumeAt != null && !now().isBefore(Instant.ofEpochMilli(resumeAt))) {
        resumeNow(state.pause.reason == PauseReason.DAILY_LIMIT ? "daily-limit" : "budget-guard");
      }
    }
    return false;
  }

  /**
   * One round of a MERCHANT_UNAVAILABLE pause: waits a MERCHANT_CHECK_INTERVAL (or until the stock
   * ends, a resume, a cancel or another pause), then asks a worker whether the merchant is back and
   * resumes if so. A resume by an operator is honoured at once; if the merchant is still missing,
   * the next call pauses the campaign again.
   */
  private void holdForMerchant() {
    Instant next = now().plus(MERCHANT_CHECK_INTERVAL);
    Instant deadline = state.stage == Stage.FLOWS || state.stage == Stage.CREATE_STOCK || state.stockId == null
        ? next : min(next, endTime());
    waitUntil(deadline, "paused (" + PauseReason.MERCHANT_UNAVAILABLE + "): waiting for merchant " + state.mchid,
        () -> state.resumeRequestedBy != null || state.cancelRequest != null || state.pendingPause != null);
    if (state.resumeRequestedBy != null) {
      resumeNow(state.resumeRequestedBy);
      return;
    }
    if (state.cancelRequest != null || state.pendingPause != null || now().isBefore(next)) {
      return;
    }
    MerchantCheck check;
    try {
      check = stock("is merchant " + state.mchid + " back", ActivityPolicies.merchantCheck())
          .checkMerchant(new StockCommand(state.campaignId, state.mchid, state.stockId));
    } catch (ActivityFailure f) {
      log.warn("merchant check for {} failed: {}", state.mchid, rootMessage(f));
      return;
    }
    if (check.available()) {
      resumeNow("merchant-registry");
    }
  }

  private static boolean merchantUnavailable(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure af
        && FailureTypes.MERCHANT_UNKNOWN.equals(af.getType());
  }

  private void requestMerchantPause(ActivityFailure failure, boolean fromIssuance) {
    PauseInfo pause = new PauseInfo(PauseReason.MERCHANT_UNAVAILABLE, rootMessage(failure), "merchant-registry",
        null);
    pause.fromIssuance = fromIssuance;
    if (state.phase == CampaignPhase.PAUSED) {
      // Already paused (a resume was tried while the merchant is still missing): say why it stays paused.
      if (state.pause != null && state.pause.reason != PauseReason.MANUAL) {
        pause.sinceMillis = Workflow.currentTimeMillis();
        pause.resumeTo = state.pause.resumeTo;
        state.pause = pause;
        record("PAUSED", pause.reason + ": " + pause.detail + " (by " + pause.operator + ")");
        publish();
      }
      return;
    }
    requestPause(pause);
  }

  private void enactPause() {
    PauseInfo p = state.pendingPause;
    if (p.reason == PauseReason.STOCK_STATE) {
      refreshStockStatus();
    }
    // The stock is paused before the campaign reports PAUSED: an update waiting for PAUSED must
    // find the stock already paused at WeChat Pay.
    if ("running".equals(state.stockStatus) && p.reason != PauseReason.STOCK_STATE
        && p.reason != PauseReason.MERCHANT_UNAVAILABLE) {
      try {
        var paused = stock("pause stock " + state.stockId + ": " + p.reason, ActivityPolicies.stockCalls())
            .pauseStock(command());
        state.stockStatus = paused.status();
      } catch (ActivityFailure f) {
        if (!merchantUnavailable(f)) {
          throw f;
        }
        // Without credentials the stock cannot be paused at WeChat Pay; nothing is sent meanwhile.
        record("STOCK_NOT_PAUSED", "stock " + state.stockId + " stays running at WeChat Pay: " + rootMessage(f));
      }
    }
    if (state.pendingPause != p && state.pendingPause != null && state.pendingPause.reason == PauseReason.MANUAL) {
      p = state.pendingPause;
    }
    state.pendingPause = null;
    p.sinceMillis = Workflow.currentTimeMillis();
    p.resumeTo = state.phase;
    state.pause = p;
    state.phase = CampaignPhase.PAUSED;
    for (WaveState w : state.waves) {
      if (w.status == WavePhase.RUNNING) {
        w.status = WavePhase.PAUSED;
      }
    }
    record("PAUSED", p.reason + ": " + p.detail + " (by " + nullToDash(p.operator) + ")");
    publish();
  }

  /** A manual pause overrides an automatic one: no automatic resume any more. */
  private void escalatePause() {
    PauseInfo p = state.pendingPause;
    state.pendingPause = null;
    if (p.reason == PauseReason.MANUAL && state.pause.reason != PauseReason.MANUAL) {
      p.sinceMillis = Workflow.currentTimeMillis();
      p.resumeTo = state.pause.resumeTo;
      state.pause = p;
      record("PAUSED", p.reason + ": " + p.detail + " (by " + nullToDash(p.operator) + ")");
      publish();
    }
  }

  private void resumeNow(String operator) {
    state.resumeRequestedBy = null;
    if (state.pause.reason == PauseReason.STOCK_STATE) {
      refreshStockStatus();
    }
    try {
      if ("paused".equals(state.stockStatus)) {
        var restarted = stock("restart stock " + state.stockId, ActivityPolicies.stockCalls())
            .restartStock(command());
        state.stockStatus = restarted.status();
      }
    } catch (ActivityFailure f) {
      state.resumeAttempts++;
      record("RESUME_FAILED", "restart of stock " + state.stockId + " failed: " + rootMessage(f));
      publish();
      return;
    }
    PauseReason reason = state.pause.reason;
    CampaignPhase back = state.pause.resumeTo == null ? CampaignPhase.RUNNING : state.pause.resumeTo;
    state.pause = null;
    state.phase = back == CampaignPhase.PAUSED ? CampaignPhase.RUNNING : back;
    state.resumeAttempts++;
    record("RESUMED", "after " + reason + " (by " + operator + ")");
    checkThresholds();
    publish();
  }

  private void cancelNow(CancelRequest request) {
    for (WaveState w : state.waves) {
      if (w.status != WavePhase.DONE) {
        w.status = WavePhase.CANCELLED;
      }
    }
    if ("running".equals(state.stockStatus)) {
      try {
        var paused = stock("pause stock " + state.stockId + ": cancelled", ActivityPolicies.stockCalls())
            .pauseStock(command());
        state.stockStatus = paused.status();
      } catch (ActivityFailure f) {
        if (!merchantUnavailable(f) || CancellationScope.current().isCancelRequested()) {
          throw f;
        }
        record("STOCK_NOT_PAUSED", "stock " + state.stockId + " stays running at WeChat Pay: " + rootMessage(f));
      }
    }
    state.pause = null;
    state.pendingPause = null;
    state.phase = CampaignPhase.CANCELLED;
    state.stage = Stage.DONE;
    record("CANCELLED", nullToDash(request.reason()) + " (by " + nullToDash(request.operator()) + ")");
    publish();
  }

  private void requestPause(PauseInfo pause) {
    if (state.phase.isTerminal()) {
      return;
    }
    if (state.pendingPause == null || pause.reason == PauseReason.MANUAL) {
      state.pendingPause = pause;
    }
  }

  /** Segments are cancelled for outside interrupts; a stop they reported themselves ends them anyway. */
  private boolean cancelSegmentsNeeded() {
    return state.cancelRequest != null || (state.pendingPause != null && !state.pendingPause.fromIssuance);
  }

  private boolean interruptRequested() {
    return state.pendingPause != null || state.cancelRequest != null;
  }

  private void abandonUnfinishedWaves(String why) {
    for (WaveState w : state.waves) {
      if (w.status != WavePhase.DONE && w.status != WavePhase.CANCELLED) {
        w.status = WavePhase.CANCELLED;
        record("WAVE_CANCELLED", "wave " + w.name + ": " + why);
      }
    }
  }

  // ---------------------------------------------------------------- budget guard

  private long issuedAllowance() {
    long cap = BudgetGuard.issuedCap(thresholds(spec), state.thresholdFired, spec.stock().budget(), couponAmount());
    return cap == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, cap - state.totals().issued());
  }

  /** Fires thresholds the campaign has reached; only while it runs (a paused campaign re-checks on resume). */
  private void checkThresholds() {
    if (state.phase != CampaignPhase.RUNNING) {
      return;
    }
    List<ThresholdSpec> thresholds = thresholds(spec);
    long issuedAmount = state.totals().issued() * couponAmount();
    List<Integer> crossed = BudgetGuard.crossed(
        thresholds, state.thresholdFired, spec.stock().budget(), issuedAmount, state.usedAmount);
    for (int i : crossed) {
      state.thresholdFired.set(i, true);
      ThresholdSpec t = thresholds.get(i);
      long value = ThresholdSpec.ISSUED_AMOUNT.equals(t.metric()) ? issuedAmount : state.usedAmount;
      Long resumeAt = switch (t.resume() == null ? ThresholdSpec.RESUME_MANUAL : t.resume()) {
        case ThresholdSpec.RESUME_NEXT_DAY -> ShanghaiTime.nextMidnight(now()).toEpochMilli();
        case ThresholdSpec.RESUME_AFTER -> now().plus(Duration.parse(t.resumeAfter())).toEpochMilli();
        default -> null;
      };
      String detail = t.metric() + " reached " + formatPercent(t.percent()) + "% (" + value + " of "
          + spec.stock().budget() + " fen)";
      record("THRESHOLD_REACHED", detail);
      PauseInfo pause = new PauseInfo(PauseReason.BUDGET_THRESHOLD, detail, "budget-guard", resumeAt);
      pause.fromIssuance = ThresholdSpec.ISSUED_AMOUNT.equals(t.metric());
      if (state.pendingPause == null || strongerResume(pause, state.pendingPause)) {
        state.pendingPause = pause;
      }
    }
  }

  private static boolean strongerResume(PauseInfo candidate, PauseInfo current) {
    if (current.reason == PauseReason.MANUAL) {
      return false;
    }
    if (candidate.resumeAtMillis == null) {
      return true;
    }
    return current.resumeAtMillis != null && candidate.resumeAtMillis > current.resumeAtMillis;
  }

  // ---------------------------------------------------------------- stock checks and waiting

  /**
   * Waits until {@code deadline} (returns true) or until {@code wake} holds (returns false). While
   * the stock is live it is checked every stock_check_interval, which is how a stock paused or
   * stopped outside the product is noticed. Long waits continue as new here, a safe point.
   */
  private boolean waitUntil(Instant deadline, String summary, Supplier<Boolean> wake) {
    Timer main = null;
    try {
      while (true) {
        long now = Workflow.currentTimeMillis();
        if (now >= deadline.toEpochMilli()) {
          return true;
        }
        if (wake.get()) {
          return false;
        }
        if (continueAsNewDue()) {
          if (main != null) {
            main.cancel();
            main = null;
          }
          continueAsNewIfDue();
        }
        if (stockChecksActive() && now >= state.nextStockCheckAtMillis) {
          runStockCheck();
          continue;
        }
        if (main == null) {
          main = Timer.start(Duration.ofMillis(deadline.toEpochMilli() - now), summary);
        }
        Timer check = null;
        if (stockChecksActive() && state.nextStockCheckAtMillis < deadline.toEpochMilli()) {
          check = Timer.start(Duration.ofMillis(state.nextStockCheckAtMillis - now), "next stock check");
        }
        Timer mainTimer = main;
        Timer checkTimer = check;
        Workflow.await(() -> mainTimer.fired() || (checkTimer != null && checkTimer.fired()) || wake.get());
        if (check != null && !check.fired()) {
          check.cancel();
        }
      }
    } finally {
      if (main != null && !main.fired()) {
        main.cancel();
      }
    }
  }

  private boolean stockChecksActive() {
    return state.stockId != null
        && (state.pause == null || state.pause.reason != PauseReason.MERCHANT_UNAVAILABLE)
        && ("running".equals(state.stockStatus) || "paused".equals(state.stockStatus))
        && (state.phase == CampaignPhase.RUNNING || state.phase == CampaignPhase.PAUSED)
        && now().isBefore(endTime());
  }

  private void runStockCheck() {
    state.nextStockCheckAtMillis = Workflow.currentTimeMillis() + settings.stockCheckInterval().toMillis();
    StockCheck check;
    try {
      check = stockCheck.checkStock(command());
    } catch (ActivityFailure f) {
      log.warn("stock check of {} failed: {}", state.stockId, rootMessage(f));
      return;
    }
    applyUsage(check.usedCount(), check.usedAmount());
    String before = state.stockStatus;
    state.stockStatus = check.status();
    boolean outside = state.phase == CampaignPhase.RUNNING && state.pendingPause == null
        && ("paused".equals(check.status()) || "stoped".equals(check.status()));
    if (outside) {
      requestPause(new PauseInfo(PauseReason.STOCK_STATE,
          "stock " + state.stockId + " is " + check.status() + " at WeChat Pay but the campaign did not do it",
          "stock-check", null));
    }
    if (!check.status().equals(before)) {
      publish();
    }
  }

  /** Best effort: the stock's real status, after WeChat Pay said it is not running. */
  private void refreshStockStatus() {
    try {
      state.stockStatus = stockCheck.checkStock(command()).status();
    } catch (ActivityFailure f) {
      log.warn("stock check of {} failed: {}", state.stockId, rootMessage(f));
    }
  }

  private void applyUsage(long usedCount, long usedAmount) {
    if (usedAmount > state.usedAmount || usedCount > state.usedCount) {
      state.usedCount = Math.max(state.usedCount, usedCount);
      state.usedAmount = Math.max(state.usedAmount, usedAmount);
      checkThresholds();
    }
  }

  private boolean continueAsNewDue() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= settings.maxRunEvents() || info.isContinueAsNewSuggested();
  }

  private void continueAsNewIfDue() {
    if (!continueAsNewDue() || state.stage == Stage.DONE) {
      return;
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    state.runs++;
    state.publishedPhase = null;
    log.info("campaign {} continues as new (run {})", state.campaignId, state.runs);
    Workflow.continueAsNew(input.withState(state));
  }

  // ---------------------------------------------------------------- signals, updates, query

  @Override
  public void pause(PauseRequest request) {
    if (pausable()) {
      requestPause(new PauseInfo(PauseReason.MANUAL, reasonOf(request), operatorOf(request), null));
    } else {
      log.info("pause signal ignored in phase {}", state.phase);
    }
  }

  @Override
  public void resume(ResumeRequest request) {
    if (state.phase == CampaignPhase.PAUSED || state.pendingPause != null) {
      state.resumeRequestedBy = request == null || request.operator() == null ? "unknown" : request.operator();
    }
  }

  @Override
  public void usage(UsageReport report) {
    if (report != null) {
      applyUsage(report.usedCount(), report.usedAmount());
    }
  }

  @Override
  public StatusDocument status() {
    return StatusProjection.project(state, spec);
  }

  @Override
  public void validatePauseCampaign(PauseRequest request) {
    if (!pausable()) {
      throw ApplicationFailure.newFailure(
          "campaign " + state.campaignId + " cannot be paused in status " + state.phase
              + (state.pause != null ? " (" + state.pause.reason + ")" : ""),
          "NOT_PAUSABLE");
    }
  }

  @Override
  public StatusDocument pauseCampaign(PauseRequest request) {
    requestPause(new PauseInfo(PauseReason.MANUAL, reasonOf(request), operatorOf(request), null));
    Workflow.await(() -> (state.phase == CampaignPhase.PAUSED && state.pause.reason == PauseReason.MANUAL
        && state.pendingPause == null) || state.phase.isTerminal() || state.phase == CampaignPhase.ENDED);
    return status();
  }

  @Override
  public void validateResumeCampaign(ResumeRequest request) {
    if (state.phase != CampaignPhase.PAUSED) {
      throw ApplicationFailure.newFailure(
          "campaign " + state.campaignId + " is " + state.phase + ", not PAUSED", "NOT_PAUSED");
    }
    if ("stoped".equals(state.stockStatus)) {
      throw ApplicationFailure.newFailure(
          "stock " + state.stockId + " was stopped at WeChat Pay and cannot be restarted", "STOCK_STOPPED");
    }
  }

  @Override
  public StatusDocument resumeCampaign(ResumeRequest request) {
    int attempts = state.resumeAttempts;
    state.resumeRequestedBy = request == null || request.operator() == null ? "unknown" : request.operator();
    Workflow.await(() -> state.phase != CampaignPhase.PAUSED || state.resumeAttempts != attempts);
    return status();
  }

  @Override
  public void validateCancelCampaign(CancelRequest request) {
    if (state.phase.isTerminal()) {
      throw ApplicationFailure.newFailure(
          "campaign " + state.campaignId + " is already " + state.phase, "NOT_CANCELLABLE");
    }
  }

  @Override
  public StatusDocument cancelCampaign(CancelRequest request) {
    if (state.cancelRequest == null) {
      state.cancelRequest = request == null ? new CancelRequest(null, "unknown") : request;
    }
    Workflow.await(() -> state.phase.isTerminal());
    return status();
  }

  @Override
  public void validateRescheduleWave(RescheduleRequest request) {
    if (request == null || request.wave() == null) {
      throw ApplicationFailure.newFailure("wave is required", "INVALID_RESCHEDULE");
    }
    WaveState wave = state.waves.stream().filter(w -> w.name.equals(request.wave())).findFirst()
        .orElseThrow(() -> ApplicationFailure.newFailure("no wave named " + request.wave(), "INVALID_RESCHEDULE"));
    if (wave.status != WavePhase.PENDING || state.phase.isTerminal()) {
      throw ApplicationFailure.newFailure("wave " + wave.name + " is " + wave.status + "; only a PENDING wave"
          + " can be rescheduled", "INVALID_RESCHEDULE");
    }
    Instant start = ShanghaiTime.parse(request.startAt()).orElseThrow(() -> ApplicationFailure.newFailure(
        "start_at is not an RFC 3339 time with an offset", "INVALID_RESCHEDULE"));
    if (start.isBefore(beginTime()) || !start.isBefore(endTime())) {
      throw ApplicationFailure.newFailure("start_at must lie within the stock's availability window",
          "INVALID_RESCHEDULE");
    }
  }

  @Override
  public StatusDocument rescheduleWave(RescheduleRequest request) {
    for (WaveState w : state.waves) {
      if (w.name.equals(request.wave())) {
        record("WAVE_RESCHEDULED", "wave " + w.name + " from " + w.startAt + " to " + request.startAt()
            + " (by " + nullToDash(request.operator()) + ")");
        w.startAt = request.startAt();
      }
    }
    state.scheduleVersion++;
    return status();
  }

  private boolean pausable() {
    if (state.phase == CampaignPhase.PAUSED) {
      return state.pause != null && state.pause.reason != PauseReason.MANUAL && state.pendingPause == null;
    }
    return switch (state.phase) {
      case SCHEDULED, CREATING_STOCK, ACTIVATING, RUNNING -> state.cancelRequest == null;
      default -> false;
    };
  }

  // ---------------------------------------------------------------- plumbing

  private void failCampaign(ActivityFailure failure) {
    String type = failure.getCause() instanceof ApplicationFailure af ? af.getType() : "ACTIVITY_FAILED";
    if (failure.getCause() instanceof TimeoutFailure tf && tf.getTimeoutType() != null) {
      type = "TIMEOUT_" + tf.getTimeoutType().name();
    }
    String message = rootMessage(failure);
    state.phase = CampaignPhase.FAILED;
    state.failure = new StatusDocument.Failure(type, message);
    state.stage = Stage.DONE;
    record("FAILED", type + ": " + message);
    publish();
    Workflow.await(Workflow::isEveryHandlerFinished);
    throw ApplicationFailure.newNonRetryableFailure("campaign failed: " + message, type);
  }

  /** Pushes the phase to search attributes, the campaign index and the Web UI's details. */
  private void publish() {
    if (state.publishedPhase != state.phase || !java.util.Objects.equals(state.publishedStockId, state.stockId)) {
      if (state.stockId != null) {
        Workflow.upsertTypedSearchAttributes(
            TemporalNames.CAMPAIGN_STATUS.valueSet(state.phase.name()), TemporalNames.STOCK_ID.valueSet(state.stockId));
      } else {
        Workflow.upsertTypedSearchAttributes(TemporalNames.CAMPAIGN_STATUS.valueSet(state.phase.name()));
      }
      state.publishedPhase = state.phase;
      state.publishedStockId = state.stockId;
    }
    StatusDocument doc = status();
    try {
      ledger.recordStatus(new StatusRecord(state.campaignId, state.mchid, state.stockId, state.phase,
          doc.issued().count(), doc.issued().amount(), doc.used().amount(), doc.budget().maxAmount(),
          state.pause == null ? null : state.pause.reason.name()));
    } catch (ActivityFailure f) {
      log.warn("campaign index not updated: {}", rootMessage(f));
    }
    Workflow.setCurrentDetails(details(doc));
  }

  private static String details(StatusDocument doc) {
    StringBuilder b = new StringBuilder();
    b.append("**").append(doc.status()).append("**");
    if (doc.pause() != null) {
      b.append(" (").append(doc.pause().reason()).append(": ").append(doc.pause().detail()).append(")");
    }
    b.append("\n\nstock ").append(doc.stockId() == null ? "-" : doc.stockId())
        .append(" · issued ").append(doc.issued().count())
        .append(" · rejected ").append(doc.rejected().count())
        .append(" · used ").append(doc.used().count())
        .append(" · budget ").append(doc.budget().issuedPercent()).append("% issued");
    for (StatusDocument.Wave w : doc.waves()) {
      b.append("\n- wave ").append(w.name()).append(": ").append(w.status()).append(", ")
          .append(w.issued()).append("/").append(w.recipients());
    }
    if (doc.reconciliation() != null) {
      b.append("\n\n").append(doc.reconciliation().balanced() ? "✅ report balances" : "⚠️ REPORT DOES NOT BALANCE")
          .append(": ").append(doc.reconciliation().summary());
    }
    return b.toString();
  }

  private void record(String event, String detail) {
    state.history.add(new StatusDocument.HistoryEntry(ShanghaiTime.rfc3339(now()), event, detail));
    if (state.history.size() > MAX_HISTORY_ENTRIES) {
      state.history.remove(0);
    }
  }

  private StockActivities stock(String summary, ActivityOptions options) {
    return Workflow.newActivityStub(StockActivities.class, options.toBuilder().setSummary(summary).build());
  }

  private IssuanceActivities issuance(String summary, ActivityOptions options) {
    return Workflow.newActivityStub(IssuanceActivities.class, options.toBuilder().setSummary(summary).build());
  }

  private FlowActivities flows(String summary, ActivityOptions options) {
    return Workflow.newActivityStub(FlowActivities.class, options.toBuilder().setSummary(summary).build());
  }

  private StockCommand command() {
    return new StockCommand(state.campaignId, state.mchid, state.stockId);
  }

  private long couponAmount() {
    return spec.stock().couponAmount();
  }

  private Instant beginTime() {
    return ShanghaiTime.parse(spec.stock().availableBeginTime()).orElseThrow();
  }

  private Instant endTime() {
    return ShanghaiTime.parse(spec.stock().availableEndTime()).orElseThrow();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static Instant startedAt() {
    return Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static List<ThresholdSpec> thresholds(CampaignSpec spec) {
    return spec.budgetGuard() == null || spec.budgetGuard().thresholds() == null
        ? List.of() : spec.budgetGuard().thresholds();
  }

  private static String reasonOf(PauseRequest r) {
    return r == null || r.reason() == null ? "paused by operator" : r.reason();
  }

  private static String operatorOf(PauseRequest r) {
    return r == null || r.operator() == null ? "unknown" : r.operator();
  }

  private static String nullToDash(String s) {
    return s == null ? "-" : s;
  }

  private static String formatPercent(double p) {
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof ApplicationFailure af ? af.getOriginalMessage() : c.getMessage();
  }

  /** A durable timer the workflow can abandon; its summary is what ops see in the Web UI. */
  private static final class Timer {
    private final CancellationScope scope;
    private final Promise<Void> promise;

    private Timer(CancellationScope scope, Promise<Void> promise) {
      this.scope = scope;
      this.promise = promise;
    }

    static Timer start(Duration duration, String summary) {
      List<Promise<Void>> holder = new ArrayList<>(1);
      CancellationScope scope = Workflow.newCancellationScope(() -> holder.add(
          Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build())));
      scope.run();
      return new Timer(scope, holder.get(0));
    }

    boolean fired() {
      return promise.isCompleted();
    }

    void cancel() {
      scope.cancel();
    }
  }
}
