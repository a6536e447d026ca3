package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.StockStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PausePrecedenceTest {

  static PauseInfo pause(PauseReason reason, Long resumeAt) {
    return new PauseInfo(reason, "detail", "op", resumeAt);
  }

  static PauseInfo pause(String reason, String resumeAt) {
    return "NONE".equals(reason)
        ? null
        : pause(
            PauseReason.valueOf(reason),
            resumeAt == null || resumeAt.isBlank() ? null : Long.valueOf(resumeAt));
  }

  @ParameterizedTest(name = "{0} over requested {1}: {2}")
  @CsvSource({
    "MANUAL, NONE, true",
    "MANUAL, BUDGET_THRESHOLD, true",
    "MANUAL, MANUAL, true",
    "DAILY_LIMIT, NONE, true",
    "DAILY_LIMIT, BUDGET_THRESHOLD, false",
    "STOCK_STATE, MANUAL, false",
    "MERCHANT_UNAVAILABLE, WECHAT_ERROR, false"
  })
  void aManualPauseReplacesAnyRequestedOneAndOnlyTheFirstAutomaticOneCounts(
      String candidate, String requested, boolean replaces) {
    assertThat(PausePrecedence.replacesRequested(pause(candidate, null), pause(requested, null)))
        .isEqualTo(replaces);
  }

  @ParameterizedTest(name = "threshold resuming at [{0}] over {1} resuming at [{2}]: {3}")
  @CsvSource({
    ",     NONE,             ,     true",
    "100,  NONE,             ,     true",
    ",     BUDGET_THRESHOLD, 100,  true",
    "200,  BUDGET_THRESHOLD, 100,  true",
    "100,  BUDGET_THRESHOLD, 200,  false",
    "100,  BUDGET_THRESHOLD, 100,  false",
    "100,  BUDGET_THRESHOLD, ,     false",
    ",     MANUAL,           ,     false",
    "200,  DAILY_LIMIT,      100,  true"
  })
  void aThresholdPauseReplacesOnlyAnAutomaticPauseThatLiftsSooner(
      String candidateResume, String requested, String requestedResume, boolean replaces) {
    PauseInfo candidate = pause("BUDGET_THRESHOLD", candidateResume);
    assertThat(
            PausePrecedence.thresholdReplacesRequested(
                candidate, pause(requested, requestedResume)))
        .isEqualTo(replaces);
  }

  @ParameterizedTest(name = "{0} while {1} is in force: {2}")
  @CsvSource({
    "MANUAL, BUDGET_THRESHOLD, true",
    "MANUAL, DAILY_LIMIT, true",
    "MANUAL, MERCHANT_UNAVAILABLE, true",
    "MANUAL, MANUAL, false",
    "BUDGET_THRESHOLD, DAILY_LIMIT, false",
    "STOCK_STATE, BUDGET_THRESHOLD, false"
  })
  void onlyAManualPauseEscalatesAnAutomaticOneInForce(
      String requested, String inForce, boolean escalates) {
    assertThat(PausePrecedence.escalates(pause(requested, null), pause(inForce, null)))
        .isEqualTo(escalates);
  }

  @Test
  void aManualPauseArrivingWhileTheStockIsPausedIsTheOneEnacted() {
    PauseInfo threshold = pause(PauseReason.BUDGET_THRESHOLD, 100L);
    PauseInfo manual = pause(PauseReason.MANUAL, null);
    PauseInfo daily = pause(PauseReason.DAILY_LIMIT, 200L);
    assertThat(PausePrecedence.enacted(threshold, manual)).isSameAs(manual);
    assertThat(PausePrecedence.enacted(threshold, threshold)).isSameAs(threshold);
    assertThat(PausePrecedence.enacted(threshold, null)).isSameAs(threshold);
    assertThat(PausePrecedence.enacted(threshold, daily)).isSameAs(threshold);
  }

  @ParameterizedTest(name = "stock {0}, {1}: pause the stock = {2}")
  @CsvSource({
    "RUNNING, MANUAL, true",
    "RUNNING, BUDGET_THRESHOLD, true",
    "RUNNING, DAILY_LIMIT, true",
    "RUNNING, WECHAT_ERROR, true",
    "RUNNING, STOCK_STATE, false",
    "RUNNING, MERCHANT_UNAVAILABLE, false",
    "PAUSED, MANUAL, false",
    "STOPPED, MANUAL, false",
    "UNACTIVATED, MANUAL, false"
  })
  void onlyARunningStockIsPausedAndNeverWhenWechatPayOrTheCredentialsStopIt(
      StockStatus stock, PauseReason reason, boolean pauses) {
    assertThat(PausePrecedence.pausesStock(stock, reason)).isEqualTo(pauses);
  }

  @Test
  void segmentsAreCancelledForACancelAndForPausesFromOutsideIssuance() {
    PauseInfo manual = pause(PauseReason.MANUAL, null);
    PauseInfo cap = pause(PauseReason.BUDGET_THRESHOLD, null);
    cap.fromIssuance = true;
    assertThat(PausePrecedence.cancelsSegments(true, null)).isTrue();
    assertThat(PausePrecedence.cancelsSegments(false, manual)).isTrue();
    assertThat(PausePrecedence.cancelsSegments(false, cap)).isFalse();
    assertThat(PausePrecedence.cancelsSegments(true, cap)).isTrue();
    assertThat(PausePrecedence.cancelsSegments(false, null)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CampaignPhase.class)
  void anOperatorMayPauseBeforeTheEndUnlessACancelIsUnderWay(CampaignPhase phase) {
    boolean expected =
        switch (phase) {
          case SCHEDULED, CREATING_STOCK, ACTIVATING, RUNNING -> true;
          default -> false;
        };
    if (phase != CampaignPhase.PAUSED) {
      assertThat(PausePrecedence.pausable(phase, null, null, false)).isEqualTo(expected);
      assertThat(PausePrecedence.pausable(phase, null, null, true)).isFalse();
    }
  }

  @Test
  void aPausedCampaignMayBePausedByHandOnlyOverAnAutomaticPauseWithNothingRequested() {
    PauseInfo threshold = pause(PauseReason.BUDGET_THRESHOLD, 100L);
    PauseInfo manual = pause(PauseReason.MANUAL, null);
    assertThat(PausePrecedence.pausable(CampaignPhase.PAUSED, threshold, null, false)).isTrue();
    assertThat(PausePrecedence.pausable(CampaignPhase.PAUSED, manual, null, false)).isFalse();
    assertThat(PausePrecedence.pausable(CampaignPhase.PAUSED, threshold, manual, false)).isFalse();
    assertThat(PausePrecedence.pausable(CampaignPhase.PAUSED, null, null, false)).isFalse();
  }
}
