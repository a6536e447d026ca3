package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.CampaignState.WaveState;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.RescheduleRequest;
import com.campaigns.workflows.model.StockStatus;
import com.campaigns.workflows.model.WavePhase;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class UpdateChecksTest {

  static final Instant BEGIN = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant END = Instant.parse("2026-12-08T02:00:00Z");

  static CampaignState state(CampaignPhase phase) {
    CampaignState s = new CampaignState();
    s.campaignId = "c1";
    s.stockId = "98065001";
    s.phase = phase;
    WaveState vip = new WaveState();
    vip.name = "vip";
    vip.status = WavePhase.DONE;
    WaveState all = new WaveState();
    all.name = "all";
    all.startAt = "2026-12-02T10:00:00+08:00";
    s.waves.add(vip);
    s.waves.add(all);
    return s;
  }

  static Optional<String> type(Optional<UpdateChecks.Refusal> refusal) {
    return refusal.map(UpdateChecks.Refusal::type);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CampaignPhase.class)
  void pauseIsRefusedAsNotPausableOutsideTheRunningPhases(CampaignPhase phase) {
    CampaignState s = state(phase);
    if (phase == CampaignPhase.PAUSED) {
      s.pause = new PauseInfo(PauseReason.MANUAL, "by hand", "ops", null);
    }
    boolean allowed =
        switch (phase) {
          case SCHEDULED, CREATING_STOCK, ACTIVATING, RUNNING -> true;
          default -> false;
        };
    assertThat(type(UpdateChecks.pause(s)))
        .isEqualTo(allowed ? Optional.empty() : Optional.of(FailureTypes.NOT_PAUSABLE));
  }

  @Test
  void pauseRefusalNamesThePhaseAndThePauseInForce() {
    CampaignState s = state(CampaignPhase.PAUSED);
    s.pause = new PauseInfo(PauseReason.MANUAL, "by hand", "ops", null);
    assertThat(UpdateChecks.pause(s))
        .get()
        .extracting(UpdateChecks.Refusal::message)
        .isEqualTo("campaign c1 cannot be paused in status PAUSED (MANUAL)");
  }

  @ParameterizedTest(name = "{0} with stock {1}: {2}")
  @CsvSource({
    "PAUSED, paused, ",
    "PAUSED, running, ",
    "PAUSED, stoped, STOCK_STOPPED",
    "RUNNING, running, NOT_PAUSED",
    "COMPLETED, stoped, NOT_PAUSED"
  })
  void resumeNeedsAPausedCampaignWhoseStockWasNotStopped(
      CampaignPhase phase, String stock, String refusal) {
    CampaignState s = state(phase);
    s.stockStatus = StockStatus.of(stock);
    assertThat(type(UpdateChecks.resume(s))).isEqualTo(Optional.ofNullable(refusal));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CampaignPhase.class)
  void cancelIsRefusedOnlyOnceTheRunHasEnded(CampaignPhase phase) {
    assertThat(type(UpdateChecks.cancel(state(phase))))
        .isEqualTo(
            phase.isTerminal() ? Optional.of(FailureTypes.NOT_CANCELLABLE) : Optional.empty());
  }

  @ParameterizedTest(name = "wave {0} to {1}: {2}")
  @CsvSource({
    "all, 2026-12-03T10:00:00+08:00, ",
    "all, 2026-12-01T09:59:00+08:00, start_at must lie within the stock's availability window",
    "all, 2026-12-08T10:00:00+08:00, start_at must lie within the stock's availability window",
    "all, 2026-12-03 10:00, start_at is not an RFC 3339 time with an offset",
    "vip, 2026-12-03T10:00:00+08:00, wave vip is DONE; only a PENDING wave can be rescheduled",
    "nope, 2026-12-03T10:00:00+08:00, no wave named nope"
  })
  void rescheduleMovesOnlyAPendingWaveWithinTheStockWindow(
      String wave, String startAt, String message) {
    var refusal =
        UpdateChecks.reschedule(
            state(CampaignPhase.RUNNING), new RescheduleRequest(wave, startAt, "ops"), BEGIN, END);
    assertThat(refusal.map(UpdateChecks.Refusal::message)).isEqualTo(Optional.ofNullable(message));
    refusal.ifPresent(r -> assertThat(r.type()).isEqualTo(FailureTypes.INVALID_RESCHEDULE));
  }

  @Test
  void rescheduleNeedsAWaveAndALiveCampaign() {
    assertThat(type(UpdateChecks.reschedule(state(CampaignPhase.RUNNING), null, BEGIN, END)))
        .contains(FailureTypes.INVALID_RESCHEDULE);
    assertThat(
            type(
                UpdateChecks.reschedule(
                    state(CampaignPhase.CANCELLED),
                    new RescheduleRequest("all", "2026-12-03T10:00:00+08:00", "ops"),
                    BEGIN,
                    END)))
        .contains(FailureTypes.INVALID_RESCHEDULE);
  }

  @Test
  void aCancelUnderWayMakesAPauseRefused() {
    CampaignState s = state(CampaignPhase.RUNNING);
    s.cancelRequest = new CancelRequest("stop", "ops");
    assertThat(type(UpdateChecks.pause(s))).contains(FailureTypes.NOT_PAUSABLE);
  }
}
