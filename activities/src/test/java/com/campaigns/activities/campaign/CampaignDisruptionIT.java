package com.campaigns.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.activities.CampaignHarness;
import com.campaigns.activities.ExactlyOnce;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pauses, crashes and a misbehaving WeChat Pay during a wave: every recipient still gets one
 * coupon.
 */
class CampaignDisruptionIT {

  CampaignHarness h;

  @BeforeEach
  void start() {
    h = new CampaignHarness();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static CampaignSettings settings() {
    return new CampaignSettings(
        250, 2, Duration.ofMinutes(1), Duration.ofMinutes(30), 3_000, Duration.ofMinutes(30), null);
  }

  /** One wave of {@code n} recipients at {@code rate}/s starting an hour from now; no flows. */
  CampaignSpec oneWave(String id, List<String> openids, int rate) {
    Instant begin = Instant.ofEpochMilli(h.env.currentTimeMillis()).plus(Duration.ofHours(1));
    return new CampaignSpec(
        id,
        "1900000001",
        "wx0000000000000001",
        CampaignSpecs.stock(begin, begin.plus(Duration.ofDays(1)), 100, 100_000),
        List.of(CampaignSpecs.wave("only", begin, new AudienceSpec(openids, null), rate)),
        new BudgetGuardSpec(List.of()),
        new FlowSpec(false, null));
  }

  long ledgerIssued(String campaignId) {
    return h.ledger.issuance().totals(campaignId, 0, 0, Long.MAX_VALUE).issued();
  }

  StatusDocument result(String campaignId) {
    return h.client()
        .newUntypedWorkflowStub(TemporalNames.workflowId(campaignId))
        .getResult(StatusDocument.class);
  }

  @Test
  void pauseSignalMidWaveStopsIssuingAndPausesTheStockThenResumeContinuesAtTheExactRecipient() {
    List<String> openids = CampaignSpecs.openids("p-", 1500);
    CampaignWorkflow wf = h.start(oneWave("pause", openids, 150), settings());
    h.env.sleep(Duration.ofHours(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> ledgerIssued("pause") >= 200);

    wf.pause(new PauseRequest("hold on", "ops-carol"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> wf.status().status() == CampaignPhase.PAUSED);
    StatusDocument paused = wf.status();
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.MANUAL);
    assertThat(paused.pause().operator()).isEqualTo("ops-carol");
    assertThat(paused.stockStatus()).isEqualTo("paused");
    // The pause is enacted before PAUSED is reported: every IssueCoupons activity has closed (they
    // are
    // cancelled with WAIT_CANCELLATION_COMPLETED) and the stock was paused at WeChat Pay.
    assertIssuingStoppedAndStockPaused("pause");
    String stockId = paused.stockId();
    int atPause = h.sandboxCoupons(stockId).size();
    assertThat(atPause).isLessThan(1500);
    assertThat(paused.issued().count()).isEqualTo(atPause);
    assertThat(ledgerIssued("pause")).isEqualTo(atPause);

    wf.resume(new ResumeRequest("ops-carol"));
    StatusDocument done = result("pause");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(1500);
    // Nothing was sent while paused: WeChat Pay refuses every send to a paused stock, and none was
    // refused.
    assertThat(h.sendCouponOutcomes())
        .as("sends refused by the paused stock")
        .doesNotContainKey(REFUSED_STOCK_NOT_RUNNING);
    assertThat(ExactlyOnce.assertHolds(h, "pause", stockId, Map.of(0, openids))).isEqualTo(1500);
    h.recordHistory("pause", "pause-signal-mid-wave-and-resume");
  }

  @Test
  void serverErrorsThrottlingAndLostAnswersDuringIssuanceKeepExactlyOnce() {
    h.faults(
        """
        {"seed": 11, "rules": [
          {"endpoint": "send_coupon", "error_rate": 0.08, "throttle_rate": 0.04, "drop_rate": 0.06, "latency_ms": 2},
          {"endpoint": "create_stock", "drop_rate": 1.0, "max_count": 1},
          {"endpoint": "start_stock", "error_rate": 1.0, "error_status": 500, "error_code": "SYSTEM_ERROR",
           "error_message": "系统繁忙", "max_count": 2}]}
        """);
    List<String> openids = CampaignSpecs.openids("f-", 1000);
    h.start(oneWave("faults", openids, 300), settings());
    StatusDocument done = result("faults");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(1000);
    assertThat(ExactlyOnce.assertHolds(h, "faults", done.stockId(), Map.of(0, openids)))
        .isEqualTo(1000);
    h.recordHistory("faults", "faults-during-issuance");
    var stats = h.getJson("/sandbox/stats");
    assertThat(stats.toString()).contains("send_coupon");
  }

  @Test
  void aSendWhoseRetryCannotGetASendSlotFailsTheAttemptAndItsRecipientIsSentLater() {
    // Sends fail often, so senders ask for send slots of their own; three of those reservations
    // fail (a statement timeout on rate_slot) and nothing else does. A sender that died there
    // left its recipient without a coupon or an outcome in a segment that still completed.
    h.faults(
        """
        {"seed": 5, "rules": [{"endpoint": "send_coupon", "error_rate": 0.3, "latency_ms": 2}]}
        """);
    List<String> openids = CampaignSpecs.openids("s-", 600);
    h.start(oneWave("slots", openids, 300), settings());
    h.ledgerOutage.failStatements("rate_slot", "coupon-sender-", 3);
    h.env.sleep(Duration.ofHours(1));
    StatusDocument done = result("slots");
    assertThat(h.ledgerOutage.statementFailuresLeft()).as("reservations failed").isZero();
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(600);
    assertThat(ExactlyOnce.assertHolds(h, "slots", done.stockId(), Map.of(0, openids)))
        .isEqualTo(600);
  }

  @Test
  void theLedgerGoingDownAgainAndAgainMidSegmentSkipsNoRecipient() throws Exception {
    // Sends fail often, so senders keep asking for new send slots (in the ledger's database) while
    // it flaps; a sender that died there once left its recipient without a coupon or an outcome.
    h.faults(
        """
        {"seed": 7, "rules": [
          {"endpoint": "send_coupon", "error_rate": 0.25, "drop_rate": 0.05, "latency_ms": 2}]}
        """);
    List<String> openids = CampaignSpecs.openids("o-", 1000);
    h.start(oneWave("outage", openids, 400), settings());
    h.env.sleep(Duration.ofHours(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> ledgerIssued("outage") >= 100);
    int outages = 0;
    try {
      for (; outages < 20; outages++) {
        h.ledgerOutage.down();
        Thread.sleep(40);
        h.ledgerOutage.up();
        Thread.sleep(120);
      }
    } finally {
      h.ledgerOutage.up();
    }
    StatusDocument done = result("outage");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(1000);
    assertThat(ExactlyOnce.assertHolds(h, "outage", done.stockId(), Map.of(0, openids)))
        .isEqualTo(1000);
  }

  @Test
  void cancelMidWaveStopsIssuingAndPausesTheStock() {
    List<String> openids = CampaignSpecs.openids("c-", 1500);
    CampaignWorkflow wf = h.start(oneWave("cancel", openids, 150), settings());
    h.env.sleep(Duration.ofHours(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> ledgerIssued("cancel") >= 150);
    StatusDocument cancelled =
        wf.cancelCampaign(new com.campaigns.workflows.model.CancelRequest("stop", "ops"));
    assertThat(cancelled.status()).isEqualTo(CampaignPhase.CANCELLED);
    assertThat(cancelled.stockStatus()).isEqualTo("paused");
    h.client()
        .newUntypedWorkflowStub(TemporalNames.workflowId("cancel"))
        .getResult(StatusDocument.class);
    assertIssuingStoppedAndStockPaused("cancel");
    // Once the workers have stopped, no code of theirs can send: the counts are final.
    h.stopWorkers();
    int atCancel = h.sandboxCoupons(cancelled.stockId()).size();
    assertThat(cancelled.issued().count()).isEqualTo(atCancel);
    assertThat(ledgerIssued("cancel")).isEqualTo(atCancel);
    assertThat(h.sendCouponOutcomes())
        .as("sends refused by the paused stock")
        .doesNotContainKey(REFUSED_STOCK_NOT_RUNNING);
    h.recordHistory("cancel", "cancel-mid-wave");
  }

  /**
   * The sandbox's answer to a send for a stock that is not running (paused, ended, not activated).
   */
  static final String REFUSED_STOCK_NOT_RUNNING = "400 INVALID_REQUEST";

  /**
   * From the campaign's history: no IssueCoupons activity is open, and the stock was paused once.
   */
  void assertIssuingStoppedAndStockPaused(String campaignId) {
    CampaignHarness.ActivityCount issuing =
        h.activities(campaignId, TemporalNames.ACTIVITY_ISSUE_COUPONS);
    assertThat(issuing.scheduled()).isPositive();
    assertThat(issuing.open()).as("IssueCoupons activities still open").isZero();
    CampaignHarness.ActivityCount pauseStock =
        h.activities(campaignId, TemporalNames.ACTIVITY_PAUSE_STOCK);
    assertThat(pauseStock.scheduled()).isEqualTo(1);
    assertThat(pauseStock.closed()).isEqualTo(1);
  }
}
