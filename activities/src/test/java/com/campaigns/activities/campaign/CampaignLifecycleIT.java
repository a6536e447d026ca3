package com.campaigns.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.CampaignHarness;
import com.campaigns.activities.ExactlyOnce;
import com.campaigns.ledger.CouponUses;
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
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.model.WavePhase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A campaign spanning days against the sandbox, end to end through every real activity. */
class CampaignLifecycleIT {

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
        100, 2, Duration.ofMinutes(1), Duration.ofMinutes(30), 3_000, Duration.ofMinutes(30), null);
  }

  @Test
  void threeWavesOnThreeDaysWithThresholdPauseNextDayRestartFlowsAndReconciliation() {
    Instant now = Instant.ofEpochMilli(h.env.currentTimeMillis());
    Instant begin = now.plus(Duration.ofHours(1));
    List<String> w1 = CampaignSpecs.openids("alpha-", 300);
    List<String> w2 = CampaignSpecs.openids("beta-", 300);
    List<String> w3 = CampaignSpecs.openids("gamma-", 250);
    CampaignSpec spec =
        new CampaignSpec(
            "life",
            "1900000001",
            "wx0000000000000001",
            CampaignSpecs.stock(begin, begin.plus(Duration.ofDays(4)), 500, 1000),
            List.of(
                CampaignSpecs.wave("first", begin, new AudienceSpec(w1, null), 500),
                CampaignSpecs.wave(
                    "second", begin.plus(Duration.ofDays(1)), new AudienceSpec(w2, null), 300),
                CampaignSpecs.wave(
                    "third", begin.plus(Duration.ofDays(2)), new AudienceSpec(w3, null), null)),
            new BudgetGuardSpec(
                List.of(
                    new ThresholdSpec(
                        ThresholdSpec.ISSUED_AMOUNT, 50.0, ThresholdSpec.RESUME_NEXT_DAY, null))),
            new FlowSpec(true, null));
    CampaignWorkflow wf = h.start(spec, settings());

    // Day 1 and 2: 300 + 200 coupons reach 50% of the budget (250000 fen) and pause the stock.
    h.env.sleep(Duration.ofDays(1).plusHours(2));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.BUDGET_THRESHOLD);
    assertThat(paused.issued().count()).isEqualTo(500);
    assertThat(paused.stockStatus()).isEqualTo("paused");
    String stockId = paused.stockId();
    assertThat(h.sandboxCoupons(stockId)).hasSize(500);

    // Next day 00:00 Asia/Shanghai the stock restarts and the second wave finishes; the third
    // follows.
    h.env.sleep(Duration.ofDays(1).plusHours(12));
    StatusDocument running = wf.status();
    assertThat(running.waves())
        .extracting(StatusDocument.Wave::status)
        .containsExactly(WavePhase.DONE, WavePhase.DONE, WavePhase.DONE);
    assertThat(running.issued().count()).isEqualTo(850);

    // Users redeem 40 coupons; the API would record their COUPON.USE notifications.
    JsonNode redeemed = h.redeem(stockId, 40);
    int n = 0;
    for (JsonNode couponId : redeemed.path("coupon_ids")) {
      h.ledger
          .uses()
          .record(
              new CouponUses.Use(
                  "EV-" + n++, couponId.asText(), stockId, "life", 500, null, null, null),
              "{}");
    }
    h.refund(stockId, 3);

    StatusDocument done =
        h.client()
            .newUntypedWorkflowStub(TemporalNames.workflowId("life"))
            .getResult(StatusDocument.class);
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(850);
    assertThat(done.used().count()).isEqualTo(40);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence(
            "STOCK_CREATED",
            "ACTIVATED",
            "WAVE_STARTED",
            "WAVE_DONE",
            "WAVE_STARTED",
            "THRESHOLD_REACHED",
            "PAUSED",
            "RESUMED",
            "WAVE_DONE",
            "WAVE_STARTED",
            "WAVE_DONE",
            "ENDED",
            "USE_FLOW_DOWNLOADED",
            "REFUND_FLOW_DOWNLOADED",
            "RECONCILED",
            "COMPLETED");
    var report = h.ledger.reconciliations().find("life").orElseThrow();
    assertThat(report.totals().useFlowCount()).isEqualTo(40);
    assertThat(report.totals().refundFlowCount()).isEqualTo(3);
    assertThat(report.totals().issuedAmount()).isEqualTo(850 * 500);

    long issued = ExactlyOnce.assertHolds(h, "life", stockId, Map.of(0, w1, 1, w2, 2, w3));
    assertThat(issued).isEqualTo(850);
    h.recordHistory("life", "lifecycle-three-waves-threshold-flows");
  }
}
