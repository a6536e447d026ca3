package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.now;
import static com.campaigns.workflows.campaign.CampaignContext.nullToDash;
import static com.campaigns.workflows.campaign.CampaignContext.rootMessage;

import com.campaigns.workflows.model.ApprovalRequest;
import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.UsageReport;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.StartChecks;
import com.campaigns.workflows.rules.UpdateChecks;
import com.campaigns.workflows.rules.Violation;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The campaign lifecycle. The method {@link #run} reads like the business process: create the
 * stock, activate it, issue each wave, wait for the end, download and reconcile the flows. Signals
 * and updates only record intentions (pause, resume, cancel, reschedule); the main thread enacts
 * them at safe points, so every WeChat Pay call happens in one place and in a known order.
 *
 * <p>The parts it owns each do one job: {@link WaveSchedule} (waves in time) and {@link WaveIssuer}
 * (segments of a wave), {@link PauseController} (pause, hold, resume, cancel), {@link DeadlineWait}
 * (timers, stock checks, continue-as-new), {@link BudgetWatch} (thresholds), {@link FlowDownload}
 * and {@link Journal} (history, status, search attributes, index). All of them share one {@link
 * CampaignState}, which goes whole into continue-as-new.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

  private static final Logger log = Workflow.getLogger(CampaignWorkflowImpl.class);

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;
  private final HistoryBound historyBound;
  private final BudgetWatch budget;
  private final DeadlineWait wait;
  private final PauseController pauses;
  private final StockLifecycle stock;
  private final WaveSchedule waves;
  private final FlowDownload flows;
  private final ApprovalStep approval;

  @WorkflowInit
  public CampaignWorkflowImpl(CampaignInput input) {
    this.state = input.state() != null ? input.state() : CampaignContext.initialState(input.spec());
    this.c = new CampaignContext(input, state);
    this.journal = new Journal(c);
    this.historyBound = new HistoryBound(c);
    this.budget = new BudgetWatch(c, journal);
    StockWatch stockWatch = new StockWatch(c, journal, budget);
    this.wait = new DeadlineWait(c, stockWatch, historyBound);
    CallbackStep callback = new CallbackStep(c);
    ActivationStep activation = new ActivationStep(c, journal, stockWatch);
    this.pauses = new PauseController(c, journal, budget, stockWatch, wait, callback, activation);
    this.waves =
        new WaveSchedule(
            c,
            journal,
            pauses,
            historyBound,
            wait,
            new WaveIssuer(c, journal, budget, pauses, historyBound));
    this.stock = new StockLifecycle(c, journal, wait, waves, callback, activation);
    this.flows = new FlowDownload(c, journal, wait);
    this.approval = new ApprovalStep(c, journal);
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
          pauses.cancel(state.cancelRequest);
          break;
        }
        historyBound.continueAsNewIfReached();
        try {
          runStage();
        } catch (ActivityFailure e) {
          if (!PauseController.merchantUnavailable(e)
              || CancellationScope.current().isCancelRequested()) {
            throw e;
          }
          // The workers hold no credentials for the merchant: pause, not fail; the stage is
          // re-entered
          // on resume and repeats the call (every call is idempotent).
          pauses.requestMerchantPause(e, false);
        }
      }
    } catch (CanceledFailure e) {
      // Cancellation requested through Temporal itself (Web UI, CLI): leave the stock paused.
      cancelThroughTemporal();
      throw e;
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested()) {
        cancelThroughTemporal();
        throw new CanceledFailure("campaign cancelled through Temporal");
      }
      fail(e);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return status();
  }

  /**
   * Each stage first enacts or holds a pause (the waves before each wave); a stage returns early
   * when interrupted and is re-entered.
   */
  private void runStage() {
    if (state.stage != Stage.WAVES && pauses.hold()) {
      return;
    }
    switch (state.stage) {
      case AWAIT_APPROVAL -> approval.await();
      case CREATE_STOCK -> stock.create();
      case AWAIT_ACTIVATION -> stock.awaitActivation();
      case ACTIVATE -> stock.activate();
      case WAVES -> waves.runAll();
      case AWAIT_END -> stock.awaitEnd();
      case FLOWS -> flows.run();
      default -> throw new IllegalStateException("unexpected stage " + state.stage);
    }
  }

  private void begin() {
    List<Violation> violations =
        StartChecks.violations(
            c.spec, Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis()));
    if (!violations.isEmpty()) {
      state.phase = CampaignPhase.FAILED;
      state.failure = new StatusDocument.Failure(FailureTypes.INVALID_SPEC, violations.toString());
      journal.record(CampaignEvent.FAILED, "invalid spec: " + violations);
      journal.publish();
      state.stage = Stage.DONE;
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid campaign spec: " + violations, FailureTypes.INVALID_SPEC);
    }
    journal.publishIdentity();
    journal.record(
        CampaignEvent.SCHEDULED,
        "starts "
            + ShanghaiTime.display(c.beginTime())
            + ", by "
            + nullToDash(c.input.startedBy()));
    // Only an input with an approval threshold can take this path: older histories replay as
    // before.
    boolean awaitingApproval = approval.requestIfRequired();
    journal.publish();
    state.callbackPending = c.settings.notifyUrl() != null;
    state.stage = awaitingApproval ? Stage.AWAIT_APPROVAL : Stage.CREATE_STOCK;
    log.info("campaign {} scheduled at {}", state.campaignId, now());
  }

  private void cancelThroughTemporal() {
    Workflow.newDetachedCancellationScope(
            () -> pauses.cancel(new CancelRequest("workflow cancellation requested", "temporal")))
        .run();
  }

  private void fail(ActivityFailure failure) {
    String type =
        failure.getCause() instanceof ApplicationFailure af ? af.getType() : "ACTIVITY_FAILED";
    if (failure.getCause() instanceof TimeoutFailure tf && tf.getTimeoutType() != null) {
      type = "TIMEOUT_" + tf.getTimeoutType().name();
    }
    String message = rootMessage(failure);
    state.phase = CampaignPhase.FAILED;
    state.failure = new StatusDocument.Failure(type, message);
    state.stage = Stage.DONE;
    journal.record(CampaignEvent.FAILED, type + ": " + message);
    journal.publish();
    Workflow.await(Workflow::isEveryHandlerFinished);
    throw ApplicationFailure.newNonRetryableFailure("campaign failed: " + message, type);
  }

  // ---------------------------------------------------------------- signals, updates, query

  @Override
  public void pause(PauseRequest request) {
    if (pauses.pausable()) {
      pauses.requestManualPause(request);
    } else {
      log.info("pause signal ignored in phase {}", state.phase);
    }
  }

  @Override
  public void resume(ResumeRequest request) {
    if (state.phase == CampaignPhase.PAUSED || state.pendingPause != null) {
      pauses.requestResume(request);
    }
  }

  @Override
  public void usage(UsageReport report) {
    if (report != null) {
      budget.applyUsage(report.usedCount(), report.usedAmount());
    }
  }

  @Override
  public StatusDocument status() {
    return journal.status();
  }

  @Override
  public void validatePauseCampaign(PauseRequest request) {
    rejectIf(UpdateChecks.pause(state));
  }

  @Override
  public StatusDocument pauseCampaign(PauseRequest request) {
    pauses.requestManualPause(request);
    return statusOnce(pauses::manualPauseSettled);
  }

  @Override
  public void validateResumeCampaign(ResumeRequest request) {
    rejectIf(UpdateChecks.resume(state));
  }

  @Override
  public StatusDocument resumeCampaign(ResumeRequest request) {
    int attempts = state.resumeAttempts;
    pauses.requestResume(request);
    return statusOnce(
        () -> state.phase != CampaignPhase.PAUSED || state.resumeAttempts != attempts);
  }

  @Override
  public void validateCancelCampaign(CancelRequest request) {
    rejectIf(UpdateChecks.cancel(state));
  }

  @Override
  public StatusDocument cancelCampaign(CancelRequest request) {
    if (state.cancelRequest == null) {
      state.cancelRequest = request == null ? new CancelRequest(null, "unknown") : request;
    }
    return statusOnce(() -> state.phase.isTerminal());
  }

  @Override
  public void validateRescheduleWave(RescheduleRequest request) {
    rejectIf(UpdateChecks.reschedule(state, request, c.beginTime(), c.endTime()));
  }

  @Override
  public StatusDocument rescheduleWave(RescheduleRequest request) {
    waves.reschedule(request);
    return status();
  }

  @Override
  public void validateApprove(ApprovalRequest request) {
    rejectIf(UpdateChecks.approval(state, request, c.input.startedBy()));
  }

  @Override
  public StatusDocument approve(ApprovalRequest request) {
    approval.answer(true, request);
    return statusOnce(() -> state.phase != CampaignPhase.AWAITING_APPROVAL);
  }

  @Override
  public void validateReject(ApprovalRequest request) {
    rejectIf(UpdateChecks.approval(state, request, c.input.startedBy()));
  }

  @Override
  public StatusDocument reject(ApprovalRequest request) {
    approval.answer(false, request);
    return statusOnce(() -> state.phase != CampaignPhase.AWAITING_APPROVAL);
  }

  /** An update's answer: the status document once the update has taken effect. */
  private StatusDocument statusOnce(Supplier<Boolean> takenEffect) {
    Workflow.await(takenEffect);
    return status();
  }

  private static void rejectIf(Optional<UpdateChecks.Refusal> refusal) {
    if (refusal.isPresent()) {
      throw ApplicationFailure.newFailure(refusal.get().message(), refusal.get().type());
    }
  }
}
