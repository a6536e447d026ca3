package com.campaigns.workflows.campaign;

import static com.campaigns.workflows.campaign.CampaignContext.nullToDash;

import com.campaigns.workflows.model.CampaignEvent;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.CampaignState.WaveState;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.campaigns.workflows.rules.WavePlanner;
import java.time.Instant;
import java.util.List;

/**
 * The waves in time: each starts at its {@code start_at} (which a reschedule may move while it is
 * pending), in start order, one after another; {@link WaveIssuer} issues each one.
 */
final class WaveSchedule {

  private final CampaignContext c;
  private final CampaignState state;
  private final Journal journal;
  private final PauseController pauses;
  private final HistoryBound historyBound;
  private final DeadlineWait wait;
  private final WaveIssuer issuer;

  WaveSchedule(
      CampaignContext c,
      Journal journal,
      PauseController pauses,
      HistoryBound historyBound,
      DeadlineWait wait,
      WaveIssuer issuer) {
    this.c = c;
    this.state = c.state;
    this.journal = journal;
    this.pauses = pauses;
    this.historyBound = historyBound;
    this.wait = wait;
    this.issuer = issuer;
  }

  /**
   * Runs the waves in start order, each at its start time, until all are done (stage AWAIT_END);
   * returns early on a pause (after holding it) or a cancel, or when the stock ends.
   */
  void runAll() {
    List<Integer> order = WavePlanner.runOrder(c.spec.waves());
    while (state.nextWavePosition < order.size()) {
      if (pauses.hold() || state.cancelRequest != null) {
        return;
      }
      if (!c.beforeEnd()) {
        // No wave can run any more: on to the end, or the stage loop would re-enter here forever.
        abandonUnfinished("the stock ended before the wave finished");
        state.stage = Stage.AWAIT_END;
        return;
      }
      historyBound.continueAsNewIfReached();
      int index = order.get(state.nextWavePosition);
      WaveState wave = state.waves.get(index);
      if (wave.status == WavePhase.PENDING) {
        Instant start = ShanghaiTime.parse(wave.startAt).orElseThrow();
        int version = state.scheduleVersion;
        boolean due =
            wait.until(
                start,
                "wave " + wave.name + " starts " + ShanghaiTime.display(start),
                () -> c.interruptRequested() || state.scheduleVersion != version);
        if (!due) {
          continue;
        }
      }
      if (issuer.issue(index)) {
        state.nextWavePosition++;
      }
    }
    if (state.nextWavePosition >= order.size()) {
      state.stage = Stage.AWAIT_END;
    }
  }

  /** Moves a pending wave (checked by the update's validator) and wakes the wait for its start. */
  void reschedule(RescheduleRequest request) {
    for (WaveState w : state.waves) {
      if (w.name.equals(request.wave())) {
        journal.record(
            CampaignEvent.WAVE_RESCHEDULED,
            "wave %s from %s to %s (by %s)"
                .formatted(w.name, w.startAt, request.startAt(), nullToDash(request.operator())));
        w.startAt = request.startAt();
      }
    }
    state.scheduleVersion++;
  }

  /** Marks every wave that has not finished CANCELLED, with the reason in the history. */
  void abandonUnfinished(String why) {
    for (WaveState w : state.waves) {
      if (w.status != WavePhase.DONE && w.status != WavePhase.CANCELLED) {
        w.status = WavePhase.CANCELLED;
        journal.record(CampaignEvent.WAVE_CANCELLED, "wave " + w.name + ": " + why);
      }
    }
  }
}
