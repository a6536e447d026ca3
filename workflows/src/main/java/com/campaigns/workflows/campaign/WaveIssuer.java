package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.now;

import com.campaigns.workflows.activity.IssuanceActivities;
import com.campaigns.workflows.model.AudienceInfo;
import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.CampaignState.SegmentState;
import com.campaigns.workflows.model.CampaignState.WaveState;
import com.campaigns.workflows.model.IssueRequest;
import com.campaigns.workflows.model.IssueResult;
import com.campaigns.workflows.model.IssueStop;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.SegmentTotals;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.model.WaveSummary;
import com.campaigns.workflows.model.WaveSummaryRequest;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.WavePlanner;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues one wave as heartbeating IssueCoupons activities, one per segment of {@code segment_size}
 * recipients and at most {@code segment_parallelism} at a time. Each segment is granted the coupons
 * the budget guard still allows, so together they never cross an issued-amount threshold; the
 * ledger is their checkpoint, so a segment resumed after a pause continues at the exact recipient.
 */
final class WaveIssuer {

  /**
   * A segment's activity while it runs: its result, the scope that cancels it, its coupon grant.
   */
  private record RunningSegment(Promise<IssueResult> result, CancellationScope scope, long grant) {}

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;
  private final BudgetWatch budget;
  private final PauseController pauses;
  private final HistoryBound historyBound;

  WaveIssuer(
      CampaignContext c,
      Journal journal,
      BudgetWatch budget,
      PauseController pauses,
      HistoryBound historyBound) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
    this.budget = budget;
    this.pauses = pauses;
    this.historyBound = historyBound;
  }

  /**
   * Issues a wave's segments, a few at a time. Returns true once every segment is done; false when
   * a pause, a cancel, the end of the stock or a continue-as-new interrupts it (progress is kept).
   */
  boolean issue(int index) {
    WaveState wave = state.waves.get(index);
    start(wave);
    List<WavePlanner.Segment> segments =
        WavePlanner.segments(wave.recipients, c.settings.segmentSize());
    Map<Integer, RunningSegment> running = new LinkedHashMap<>();
    boolean cancelSent = false;
    boolean refresh = false;
    CancellableTimer stockEnds =
        CancellableTimer.start(
            Duration.between(now(), c.endTime()), "stock " + state.stockId + " ends");
    try {
      while (true) {
        boolean stopLaunching =
            c.interruptRequested() || historyBound.reached() || stockEnds.fired();
        if (!stopLaunching) {
          launch(index, wave, segments, running);
        }
        if (running.isEmpty()) {
          return finish(index, wave, refresh, stopLaunching);
        }
        final boolean alreadyCancelling = cancelSent;
        Workflow.await(
            () ->
                running.values().stream().anyMatch(r -> r.result().isCompleted())
                    || (!alreadyCancelling && (pauses.cancelsSegments() || stockEnds.fired())));
        refresh |= collect(wave, running);
        // Cancel only what is still running: a cancel for a completed activity is refused by the
        // server.
        if (!cancelSent && !running.isEmpty() && (pauses.cancelsSegments() || stockEnds.fired())) {
          for (RunningSegment r : running.values()) {
            r.scope().cancel();
          }
          cancelSent = true;
        }
      }
    } finally {
      stockEnds.cancelUnlessFired();
    }
  }

  /** Counts the audience on first entry and marks the wave RUNNING (started or resumed). */
  private void start(WaveState wave) {
    if (wave.recipients == null) {
      AudienceInfo info =
          ActivityStubs.issuance(
                  "count audience of wave " + wave.name, ActivityPolicies.ledgerReads())
              .describeAudience(wave.audienceId);
      wave.recipients = info.count();
      for (int i = 0; i < WavePlanner.segmentCount(info.count(), c.settings.segmentSize()); i++) {
        wave.segments.add(new SegmentState());
      }
    }
    if (wave.status != WavePhase.RUNNING) {
      journal.record(
          wave.status == WavePhase.PENDING
              ? CampaignEvent.WAVE_STARTED
              : CampaignEvent.WAVE_RESUMED,
          "wave "
              + wave.name
              + ": "
              + wave.recipients
              + " recipients at "
              + (wave.ratePerSecond > 0 ? wave.ratePerSecond + "/s" : "the merchant's rate"));
      wave.status = WavePhase.RUNNING;
      journal.publish();
    }
  }

  /**
   * Launches segments up to the parallelism, each with its grant. A round launched into an idle
   * wave (its start, a resume) is staggered; later launches replace one segment each and keep the
   * stagger.
   */
  private void launch(
      int index,
      WaveState wave,
      List<WavePlanner.Segment> segments,
      Map<Integer, RunningSegment> running) {
    boolean idle = running.isEmpty();
    int launched = 0;
    for (WavePlanner.Segment seg : segments) {
      if (running.size() >= c.settings.segmentParallelism()) {
        break;
      }
      SegmentState ss = wave.segments.get(seg.index());
      if (ss.done || running.containsKey(seg.index())) {
        continue;
      }
      long cap = -1;
      long grant = 0;
      long allowance =
          budget.issuedAllowance()
              - running.values().stream().mapToLong(RunningSegment::grant).sum();
      if (allowance != Long.MAX_VALUE) {
        if (allowance <= 0) {
          break;
        }
        grant = Math.min(allowance, seg.toSeq() - seg.fromSeq() - ss.totals.issued());
        cap = ss.totals.issued() + grant;
      }
      IssueRequest request =
          new IssueRequest(
              state.campaignId,
              state.mchid,
              c.spec.appid(),
              state.stockId,
              index,
              wave.audienceId,
              seg.fromSeq(),
              seg.toSeq(),
              c.couponAmount(),
              wave.ratePerSecond,
              cap,
              state.couponPrefix,
              idle ? WavePlanner.stagger(launched, c.settings.segmentParallelism()) : 0);
      launched++;
      IssuanceActivities stub =
          ActivityStubs.issuance(
              "issue wave "
                  + wave.name
                  + " segment "
                  + (seg.index() + 1)
                  + "/"
                  + segments.size()
                  + " (recipients "
                  + seg.fromSeq()
                  + "-"
                  + (seg.toSeq() - 1)
                  + ")",
              ActivityPolicies.issueCoupons(seg.toSeq() - seg.fromSeq(), wave.ratePerSecond));
      List<Promise<IssueResult>> holder = new ArrayList<>(1);
      CancellationScope scope =
          Workflow.newCancellationScope(
              () -> holder.add(Async.function(stub::issueCoupons, request)));
      scope.run();
      running.put(seg.index(), new RunningSegment(holder.get(0), scope, grant));
    }
  }

  /**
   * Takes the results of completed segments; returns true when the wave's totals must be re-read.
   */
  private boolean collect(WaveState wave, Map<Integer, RunningSegment> running) {
    boolean refresh = false;
    for (Integer seg : new ArrayList<>(running.keySet())) {
      Promise<IssueResult> p = running.get(seg).result();
      if (!p.isCompleted()) {
        continue;
      }
      running.remove(seg);
      try {
        onResult(wave, seg, p.get());
      } catch (ActivityFailure f) {
        if (f.getCause() instanceof CanceledFailure) {
          refresh = true;
        } else if (PauseController.merchantUnavailable(f)) {
          // The segment recorded what it issued. The others stop by themselves at their next send
          // on a
          // worker without the merchant (cancelling them could race their own failure).
          refresh = true;
          pauses.requestMerchantPause(f, true);
        } else {
          throw f;
        }
      }
    }
    return refresh;
  }

  /**
   * With nothing running: DONE when every segment is, else the interrupt (or cap) that stopped it.
   */
  private boolean finish(int index, WaveState wave, boolean refresh, boolean stopLaunching) {
    if (refresh) {
      refreshTotals(index);
    }
    if (wave.allSegmentsDone()) {
      wave.status = WavePhase.DONE;
      SegmentTotals t = wave.totals();
      journal.record(
          CampaignEvent.WAVE_DONE,
          "wave "
              + wave.name
              + ": issued "
              + t.issued()
              + ", rejected "
              + t.rejected()
              + ", failed "
              + t.failed());
      journal.publish();
      return true;
    }
    if (!stopLaunching) {
      budget.checkThresholds();
      if (state.pendingPause == null) {
        throw new IllegalStateException(
            "wave "
                + wave.name
                + " cannot progress: issue cap reached"
                + " without a threshold to pause for");
      }
    }
    return false;
  }

  private void onResult(WaveState wave, int segment, IssueResult result) {
    SegmentState ss = wave.segments.get(segment);
    ss.totals = result.totals();
    if (!c.beforeEnd() && result.stop() != IssueStop.COMPLETED) {
      journal.publish();
      return;
    }
    switch (result.stop()) {
      case COMPLETED -> ss.done = true;
      case CAP_REACHED -> budget.checkThresholds();
      case DAILY_LIMIT ->
          c.requestPause(
              fromIssuance(
                  new PauseInfo(
                      PauseReason.DAILY_LIMIT,
                      "max_amount_by_day reached: " + result.stopMessage(),
                      "budget-guard",
                      ShanghaiTime.nextMidnight(now()).toEpochMilli())));
      case STOCK_NOT_RUNNING ->
          c.requestPause(
              fromIssuance(
                  new PauseInfo(
                      PauseReason.STOCK_STATE,
                      "WeChat Pay says stock "
                          + state.stockId
                          + " is not running: "
                          + result.stopMessage(),
                      "wechat-pay",
                      null)));
      case STOCK_LEVEL ->
          c.requestPause(
              fromIssuance(
                  new PauseInfo(
                      PauseReason.WECHAT_ERROR,
                      result.stopCode() + ": " + result.stopMessage(),
                      "wechat-pay",
                      null)));
      default -> throw new IllegalStateException("unknown stop " + result.stop());
    }
    budget.checkThresholds();
    journal.publish();
  }

  private static PauseInfo fromIssuance(PauseInfo pause) {
    pause.fromIssuance = true;
    return pause;
  }

  private void refreshTotals(int index) {
    WaveState wave = state.waves.get(index);
    WaveSummary summary =
        ActivityStubs.issuance("read wave " + wave.name + " totals", ActivityPolicies.ledgerReads())
            .summarizeWave(
                new WaveSummaryRequest(
                    state.campaignId, index, wave.recipients, c.settings.segmentSize()));
    for (int i = 0; i < summary.segments().size() && i < wave.segments.size(); i++) {
      wave.segments.get(i).totals = summary.segments().get(i);
    }
  }
}
