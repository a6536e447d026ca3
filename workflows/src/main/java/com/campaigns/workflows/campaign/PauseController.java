package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.min;
import static com.campaigns.workflows.campaign.CampaignContext.now;
import static com.campaigns.workflows.campaign.CampaignContext.nullToDash;
import static com.campaigns.workflows.campaign.CampaignContext.rootMessage;

import com.campaigns.workflows.model.CallbackResult;
import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.CampaignState.WaveState;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.MerchantCheck;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StockStatus;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.rules.PausePrecedence;
import com.campaigns.workflows.rules.ShanghaiTime;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Pause, resume and cancel, enacted on the workflow thread at safe points: the stock is paused at
 * WeChat Pay before the campaign reports PAUSED, held while paused (until an operator, the clock or
 * the merchant registry lifts it), and restarted before the campaign reports RUNNING again. Signals
 * and updates only record intentions in the state; this class carries them out.
 */
final class PauseController {

  private static final Logger log = Workflow.getLogger(PauseController.class);

  /**
   * While paused with MERCHANT_UNAVAILABLE, the workers are asked this often whether it is back.
   */
  static final Duration MERCHANT_CHECK_INTERVAL = Duration.ofMinutes(1);

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;
  private final BudgetWatch budget;
  private final StockWatch stockWatch;
  private final DeadlineWait wait;
  private final CallbackStep callback;
  private final ActivationStep activation;

  PauseController(
      CampaignContext c,
      Journal journal,
      BudgetWatch budget,
      StockWatch stockWatch,
      DeadlineWait wait,
      CallbackStep callback,
      ActivationStep activation) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
    this.budget = budget;
    this.stockWatch = stockWatch;
    this.wait = wait;
    this.callback = callback;
    this.activation = activation;
  }

  /**
   * Enacts a requested pause and holds while paused. Returns true when the caller must re-evaluate
   * (still paused because the stock ended or a cancel came), false when the campaign runs.
   */
  boolean hold() {
    if (state.pendingPause != null && state.phase != CampaignPhase.PAUSED) {
      enact();
    }
    while (state.phase == CampaignPhase.PAUSED) {
      if (state.cancelRequest != null) {
        return true;
      }
      if (state.pendingPause != null) {
        escalate();
      }
      if (!c.beforeEnd()
          && state.stockId != null
          && state.stage != Stage.CREATE_STOCK
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
      Instant deadline =
          resumeAt == null ? c.endTime() : min(Instant.ofEpochMilli(resumeAt), c.endTime());
      String summary =
          resumeAt == null
              ? "paused (" + state.pause.reason + ") until resumed"
              : "paused ("
                  + state.pause.reason
                  + ") until "
                  + ShanghaiTime.display(Instant.ofEpochMilli(resumeAt));
      if (state.stockId == null && !deadline.isAfter(now())) {
        // No stock yet and its window is over: no timer can lift this pause, only an operator.
        Workflow.await(this::interruptedWhilePaused);
      } else {
        wait.until(deadline, summary, this::interruptedWhilePaused);
      }
      if (state.resumeRequestedBy != null) {
        resume(state.resumeRequestedBy);
      } else if (resumeAt != null && !now().isBefore(Instant.ofEpochMilli(resumeAt))) {
        resume(state.pause.reason == PauseReason.DAILY_LIMIT ? "daily-limit" : "budget-guard");
      }
    }
    return false;
  }

  /**
   * One round of a MERCHANT_UNAVAILABLE pause: waits a MERCHANT_CHECK_INTERVAL (or until the stock
   * ends, a resume, a cancel or another pause), then asks a worker whether the merchant is back and
   * resumes if so. A resume by an operator is honoured at once; if the merchant is still missing,
   * the next call pauses the campaign again. A check that fails is the same answer as "not back":
   * the next round asks again.
   */
  private void holdForMerchant() {
    Instant next = now().plus(MERCHANT_CHECK_INTERVAL);
    Instant deadline =
        state.stage == Stage.FLOWS || state.stage == Stage.CREATE_STOCK || state.stockId == null
            ? next
            : min(next, c.endTime());
    wait.until(
        deadline,
        "paused (" + PauseReason.MERCHANT_UNAVAILABLE + "): waiting for merchant " + state.mchid,
        this::interruptedWhilePaused);
    if (state.resumeRequestedBy != null) {
      resume(state.resumeRequestedBy);
      return;
    }
    if (state.cancelRequest != null || state.pendingPause != null || now().isBefore(next)) {
      return;
    }
    MerchantCheck check;
    try {
      check =
          ActivityStubs.stock(
                  "is merchant " + state.mchid + " back", ActivityPolicies.merchantCheck())
              .checkMerchant(c.command());
    } catch (ActivityFailure f) {
      log.warn(
          "merchant check for {} failed, asking again in {}: {}",
          state.mchid,
          MERCHANT_CHECK_INTERVAL,
          rootMessage(f));
      return;
    }
    if (check.available()) {
      resume("merchant-registry");
    }
  }

  private boolean interruptedWhilePaused() {
    return state.resumeRequestedBy != null
        || state.cancelRequest != null
        || state.pendingPause != null;
  }

  static boolean merchantUnavailable(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure af
        && FailureTypes.MERCHANT_UNKNOWN.equals(af.getType());
  }

  /**
   * The workers hold no credentials for the merchant: pause (or say why it stays paused), never
   * fail.
   */
  void requestMerchantPause(ActivityFailure failure, boolean fromIssuance) {
    PauseInfo pause =
        new PauseInfo(
            PauseReason.MERCHANT_UNAVAILABLE, rootMessage(failure), "merchant-registry", null);
    pause.fromIssuance = fromIssuance;
    if (state.phase == CampaignPhase.PAUSED) {
      // Already paused (a resume was tried while the merchant is still missing): say why it stays
      // paused.
      if (state.pause != null && state.pause.reason != PauseReason.MANUAL) {
        pause.sinceMillis = Workflow.currentTimeMillis();
        pause.resumeTo = state.pause.resumeTo;
        state.pause = pause;
        recordPaused(pause);
        journal.publish();
      }
      return;
    }
    c.requestPause(pause);
  }

  private void enact() {
    PauseInfo p = state.pendingPause;
    if (p.reason == PauseReason.STOCK_STATE) {
      stockWatch.refreshStatus();
    }
    // The stock is paused before the campaign reports PAUSED: an update waiting for PAUSED must
    // find the stock already paused at WeChat Pay.
    if (PausePrecedence.pausesStock(state.stockStatus, p.reason)) {
      pauseStock(p.reason.name(), false);
    }
    p = PausePrecedence.enacted(p, state.pendingPause);
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
    recordPaused(p);
    journal.publish();
  }

  /**
   * Pauses the stock at WeChat Pay. Without credentials it cannot be, and nothing is sent meanwhile
   * either: the history says the stock stays running. While Temporal cancels the workflow, a cancel
   * lets the failure surface ({@code cancelling}).
   */
  private void pauseStock(String why, boolean cancelling) {
    try {
      var paused =
          ActivityStubs.stock(
                  "pause stock " + state.stockId + ": " + why, ActivityPolicies.stockCalls())
              .pauseStock(c.command());
      state.stockStatus = StockStatus.of(paused.status());
    } catch (ActivityFailure f) {
      if (!merchantUnavailable(f)
          || (cancelling && CancellationScope.current().isCancelRequested())) {
        throw f;
      }
      journal.record(
          CampaignEvent.STOCK_NOT_PAUSED,
          "stock " + state.stockId + " stays running at WeChat Pay: " + rootMessage(f));
    }
  }

  /** A manual pause overrides an automatic one: no automatic resume any more. */
  private void escalate() {
    PauseInfo p = state.pendingPause;
    state.pendingPause = null;
    if (PausePrecedence.escalates(p, state.pause)) {
      p.sinceMillis = Workflow.currentTimeMillis();
      p.resumeTo = state.pause.resumeTo;
      state.pause = p;
      recordPaused(p);
      journal.publish();
    }
  }

  private void recordPaused(PauseInfo p) {
    journal.record(
        CampaignEvent.PAUSED, p.reason + ": " + p.detail + " (by " + nullToDash(p.operator) + ")");
  }

  private void resume(String operator) {
    state.resumeRequestedBy = null;
    if (state.pause.reason == PauseReason.STOCK_STATE) {
      stockWatch.refreshStatus();
    }
    if (state.pause.reason == PauseReason.CALLBACK_CONFLICT && callbackStillConflicts()) {
      return;
    }
    if (state.pause.reason == PauseReason.INSUFFICIENT_FUNDS && activationStillRefused()) {
      return;
    }
    try {
      if (state.stockStatus == StockStatus.PAUSED) {
        var restarted =
            ActivityStubs.stock("restart stock " + state.stockId, ActivityPolicies.stockCalls())
                .restartStock(c.command());
        state.stockStatus = StockStatus.of(restarted.status());
      }
    } catch (ActivityFailure f) {
      // The campaign stays paused and says why; the update that asked for the resume sees the
      // attempt.
      state.resumeAttempts++;
      journal.record(
          CampaignEvent.RESUME_FAILED,
          "restart of stock " + state.stockId + " failed: " + rootMessage(f));
      journal.publish();
      return;
    }
    PauseReason reason = state.pause.reason;
    CampaignPhase back =
        state.pause.resumeTo == null ? CampaignPhase.RUNNING : state.pause.resumeTo;
    state.pause = null;
    state.phase = back == CampaignPhase.PAUSED ? CampaignPhase.RUNNING : back;
    state.resumeAttempts++;
    journal.record(CampaignEvent.RESUMED, "after " + reason + " (by " + operator + ")");
    budget.checkThresholds();
    journal.publish();
  }

  /**
   * A resume of a CALLBACK_CONFLICT pause checks the callback again first: ops resolved it (the
   * merchant's configuration or its callback changed) or the campaign stays paused and says why.
   */
  private boolean callbackStillConflicts() {
    String still;
    try {
      CallbackResult conflict =
          state.callbackPending ? callback.setOrConflict("check COUPON.USE callback again") : null;
      if (conflict == null) {
        return false;
      }
      state.pause.detail = conflict.detail();
      still = conflict.detail();
    } catch (ActivityFailure f) {
      if (CancellationScope.current().isCancelRequested()) {
        throw f;
      }
      still = rootMessage(f);
    }
    state.resumeAttempts++;
    journal.record(CampaignEvent.RESUME_FAILED, "COUPON.USE callback: " + still);
    journal.publish();
    return true;
  }

  /**
   * A resume of an INSUFFICIENT_FUNDS pause activates the stock first: the merchant's balance was
   * topped up (the campaign goes on to its waves) or the campaign stays paused and says why.
   */
  private boolean activationStillRefused() {
    if (state.stockStatus != StockStatus.UNACTIVATED || state.stage != Stage.ACTIVATE) {
      return false;
    }
    String still;
    try {
      still = activation.activateOrRefusal("activate stock " + state.stockId + " again");
      if (still == null) {
        state.pause.resumeTo = CampaignPhase.RUNNING;
        return false;
      }
      state.pause.detail = still;
    } catch (ActivityFailure f) {
      if (CancellationScope.current().isCancelRequested()) {
        throw f;
      }
      still = rootMessage(f);
    }
    state.resumeAttempts++;
    journal.record(
        CampaignEvent.RESUME_FAILED, "activation of stock " + state.stockId + ": " + still);
    journal.publish();
    return true;
  }

  /** Ends the campaign as CANCELLED, leaving the stock paused at WeChat Pay. */
  void cancel(CancelRequest request) {
    for (WaveState w : state.waves) {
      if (w.status != WavePhase.DONE) {
        w.status = WavePhase.CANCELLED;
      }
    }
    if (state.stockStatus == StockStatus.RUNNING) {
      pauseStock("cancelled", true);
    }
    state.pause = null;
    state.pendingPause = null;
    state.phase = CampaignPhase.CANCELLED;
    state.stage = Stage.DONE;
    journal.record(
        CampaignEvent.CANCELLED,
        nullToDash(request.reason()) + " (by " + nullToDash(request.operator()) + ")");
    journal.publish();
  }

  /** An operator's pause, to be enacted at the next safe point. */
  void requestManualPause(PauseRequest r) {
    String reason = r == null || r.reason() == null ? "paused by operator" : r.reason();
    String operator = r == null || r.operator() == null ? "unknown" : r.operator();
    c.requestPause(new PauseInfo(PauseReason.MANUAL, reason, operator, null));
  }

  /** An operator's resume, honoured at the next safe point while paused. */
  void requestResume(ResumeRequest r) {
    state.resumeRequestedBy = r == null || r.operator() == null ? "unknown" : r.operator();
  }

  /** The manual pause is in force (the stock paused), or the campaign can no longer be paused. */
  boolean manualPauseSettled() {
    return (state.phase == CampaignPhase.PAUSED
            && state.pause.reason == PauseReason.MANUAL
            && state.pendingPause == null)
        || state.phase.isTerminal()
        || state.phase == CampaignPhase.ENDED;
  }

  /**
   * Segments are cancelled for outside interrupts; a stop they reported themselves ends them
   * anyway.
   */
  boolean cancelsSegments() {
    return PausePrecedence.cancelsSegments(state.cancelRequest != null, state.pendingPause);
  }

  boolean pausable() {
    return PausePrecedence.pausable(
        state.phase, state.pause, state.pendingPause, state.cancelRequest != null);
  }
}
