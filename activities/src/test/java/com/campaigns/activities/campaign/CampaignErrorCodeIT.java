package com.campaigns.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.activities.CampaignHarness;
import com.campaigns.activities.ExactlyOnce;
import com.campaigns.activities.issuance.IssuanceSettings;
import com.campaigns.sandbox.unconfirmed.DailyCapRefusal;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.CancelRequest;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StockSpec;
import com.campaigns.workflows.model.WaveSpec;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.wechat.pay.java.service.cashcoupons.model.PauseStockRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each class of WeChat Pay answer leads to the documented behaviour: error codes decide, and where
 * a code does not say what it means, the stock's facts do (never the message).
 */
class CampaignErrorCodeIT {

  CampaignHarness h;
  Instant begin;

  @BeforeEach
  void start() {
    h = new CampaignHarness();
    begin = Instant.ofEpochMilli(h.env.currentTimeMillis()).plus(Duration.ofHours(1));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static CampaignSettings settings() {
    return new CampaignSettings(
        100, 2, Duration.ofMinutes(1), Duration.ofMinutes(30), 3_000, Duration.ofMinutes(30), null);
  }

  StockSpec stock(long couponAmount, long maxCoupons, int perUser, Long byDay) {
    return new StockSpec(
        "错误码券",
        null,
        ShanghaiTime.rfc3339(begin),
        ShanghaiTime.rfc3339(begin.plus(Duration.ofDays(3))),
        couponAmount,
        couponAmount + 1,
        maxCoupons,
        perUser,
        null,
        byDay,
        true,
        null,
        null,
        null,
        null,
        null);
  }

  CampaignSpec spec(String id, StockSpec stock, List<WaveSpec> waves) {
    return new CampaignSpec(
        id,
        "1900000001",
        "wx0000000000000001",
        stock,
        waves,
        new BudgetGuardSpec(List.of()),
        new FlowSpec(false, null));
  }

  StatusDocument result(String id) {
    return h.client()
        .newUntypedWorkflowStub(TemporalNames.workflowId(id))
        .getResult(StatusDocument.class);
  }

  @Test
  void recipientRefusalsAreRecordedByCodeAndEveryoneElseIsIssued() {
    List<String> first = List.of("abnormal_1", "u1", "u2", "abnormal_2");
    List<String> second = List.of("u1", "u3");
    h.start(
        spec(
            "refusals",
            stock(100, 100, 1, null),
            List.of(
                CampaignSpecs.wave("w1", begin, new AudienceSpec(first, null), null),
                CampaignSpecs.wave(
                    "w2", begin.plus(Duration.ofHours(2)), new AudienceSpec(second, null), null))),
        settings());
    StatusDocument done = result("refusals");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(3);
    assertThat(done.rejected().byCode())
        .containsEntry("USER_ACCOUNT_ABNORMAL", 2L)
        .containsEntry("RULE_LIMIT", 1L);
    ExactlyOnce.assertHolds(h, "refusals", done.stockId(), Map.of(0, first, 1, second));
    h.recordHistory("refusals", "recipient-refusals-by-code");
  }

  @Test
  void theMonthlyCapPerUserRefusesTheSixthThousandYuanCoupon() {
    List<WaveSpec> waves = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waves.add(
          CampaignSpecs.wave(
              "w" + i,
              begin.plus(Duration.ofMinutes(i)),
              new AudienceSpec(List.of("rich"), null),
              null));
    }
    h.start(spec("monthly", stock(100_000, 100, 10, null), waves), settings());
    StatusDocument done = result("monthly");
    assertThat(done.issued().count()).isEqualTo(5);
    assertThat(done.rejected().byCode()).containsEntry("INVALID_REQUEST", 1L);
    assertThat(done.waves().get(5).rejected()).isEqualTo(1);
    // The stock could issue, so the refusal was tried a bounded number of times, then taken to be
    // the recipient's.
    assertThat(h.sendCouponOutcomes())
        .containsEntry(
            "400 INVALID_REQUEST", (long) IssuanceSettings.defaults().unexplainedAttempts());
  }

  @Test
  void anInvalidRequestWhoseWordsMeanNothingIsRetriedWhileTheStockCanIssue() {
    // Throttling in disguise, in words the product has never seen.
    h.faults(
        """
        {"seed": 3, "rules": [{"endpoint": "send_coupon", "error_rate": 1.0, "error_status": 400,
          "error_code": "INVALID_REQUEST", "error_message": "这段文字从未见过", "max_count": 5}]}
        """);
    List<String> openids = CampaignSpecs.openids("t-", 20);
    h.start(
        spec(
            "disguised",
            stock(100, 1000, 1, null),
            List.of(CampaignSpecs.wave("w", begin, new AudienceSpec(openids, null), null))),
        settings());
    StatusDocument done = result("disguised");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(20);
    assertThat(done.rejected().byCode()).isEmpty();
    assertThat(h.sendCouponOutcomes()).containsEntry("400 INVALID_REQUEST", 5L);
    ExactlyOnce.assertHolds(h, "disguised", done.stockId(), Map.of(0, openids));
  }

  @Test
  void theDailyLimitsOldWordsOnAStockWithRoomTodayDoNotPause() {
    h.faults(
        """
        {"seed": 5, "rules": [{"endpoint": "send_coupon", "error_rate": 1.0, "error_status": 403,
          "error_code": "NOT_ENOUGH", "error_message": "发券超过单天限额", "max_count": 3}]}
        """);
    List<String> openids = CampaignSpecs.openids("w-", 20);
    h.start(
        spec(
            "words",
            stock(100, 1000, 1, 5_000L),
            List.of(CampaignSpecs.wave("w", begin, new AudienceSpec(openids, null), null))),
        settings());
    StatusDocument done = result("words");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(20);
    assertThat(done.history()).noneSatisfy(e -> assertThat(e.event()).isEqualTo("PAUSED"));
    assertThat(h.sendCouponOutcomes()).containsEntry("403 NOT_ENOUGH", 3L);
    ExactlyOnce.assertHolds(h, "words", done.stockId(), Map.of(0, openids));
  }

  /**
   * Under each answer the sandbox may give the daily cap (docs/sandbox.md, "Unconfirmed
   * behaviours"), the same pause: the ledger's amount issued today decides, not the code or words.
   */
  @ParameterizedTest(name = "the daily cap refused with {0}")
  @EnumSource(DailyCapRefusal.class)
  void theDailyLimitPausesUntilShanghaiMidnightAndThenRestarts(DailyCapRefusal answer) {
    h.putJson("/sandbox/unconfirmed", "{\"daily_cap_refusal\": \"" + answer + "\"}");
    List<String> openids = CampaignSpecs.openids("d-", 80);
    h.start(
        spec(
            "daily",
            stock(100, 1000, 1, 5_000L),
            List.of(CampaignSpecs.wave("w", begin, new AudienceSpec(openids, null), null))),
        settings());
    StatusDocument done = result("daily");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(80);
    assertThat(done.history())
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo("PAUSED");
              assertThat(e.detail())
                  .startsWith("DAILY_LIMIT")
                  .contains("5000 of max_amount_by_day 5000 fen issued today");
            });
    StatusDocument.HistoryEntry resumed =
        done.history().stream().filter(e -> e.event().equals("RESUMED")).findFirst().orElseThrow();
    assertThat(resumed.at()).contains("T00:00:");
    ExactlyOnce.assertHolds(h, "daily", done.stockId(), Map.of(0, openids));
    if (answer == DailyCapRefusal.NOT_ENOUGH) {
      h.recordHistory("daily", "daily-limit-pause-and-midnight-restart");
    }
  }

  @Test
  void anExhaustedStockPausesTheCampaignWithNotEnough() {
    List<String> openids = CampaignSpecs.openids("x-", 80);
    CampaignWorkflow wf =
        h.start(
            spec(
                "exhausted",
                stock(100, 50, 1, null),
                List.of(CampaignSpecs.wave("w", begin, new AudienceSpec(openids, null), null))),
            settings());
    h.env.sleep(Duration.ofHours(2));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.WECHAT_ERROR);
    assertThat(paused.pause().detail())
        .startsWith("NOT_ENOUGH")
        .contains("has distributed 50 of its 50 coupons");
    assertThat(paused.issued().count()).isEqualTo(50);
    assertThat(h.sandboxCoupons(paused.stockId())).hasSize(50);
    assertThat(wf.cancelCampaign(new CancelRequest("exhausted", "ops")).status())
        .isEqualTo(CampaignPhase.CANCELLED);
  }

  @Test
  void aStockPausedOutsideTheProductMidWaveStopsTheWaveAsItsStatusSays() {
    List<String> openids = CampaignSpecs.openids("m-", 300);
    CampaignWorkflow wf =
        h.start(
            spec(
                "midwave",
                stock(100, 1000, 1, null),
                List.of(CampaignSpecs.wave("w", begin, new AudienceSpec(openids, null), 30))),
            settings());
    h.env.sleep(Duration.ofHours(1));
    String stockId = wf.status().stockId();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.sandboxCoupons(stockId).size() >= 30);
    pauseAtWechatPay(stockId);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> wf.status().status() == CampaignPhase.PAUSED);
    StatusDocument paused = wf.status();
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.STOCK_STATE);
    assertThat(paused.pause().detail())
        .startsWith(
            "WeChat Pay says stock "
                + stockId
                + " is not running: stock "
                + stockId
                + " is paused");
    assertThat(paused.stockStatus()).isEqualTo("paused");
    assertThat(h.sendCouponOutcomes()).containsKey("400 INVALID_REQUEST");

    wf.resumeCampaign(new ResumeRequest("ops"));
    StatusDocument done = result("midwave");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(300);
    assertThat(done.rejected().byCode()).isEmpty();
    ExactlyOnce.assertHolds(h, "midwave", stockId, Map.of(0, openids));
  }

  void pauseAtWechatPay(String stockId) {
    PauseStockRequest pause = new PauseStockRequest();
    pause.setStockId(stockId);
    pause.setStockCreatorMchid("1900000001");
    h.merchants.find("1900000001").orElseThrow().coupons().pauseStock(pause);
  }

  @Test
  void aStockPausedOutsideTheProductIsDetectedAndResumeRestartsIt() {
    List<String> w1 = CampaignSpecs.openids("e1-", 20);
    List<String> w2 = CampaignSpecs.openids("e2-", 20);
    CampaignWorkflow wf =
        h.start(
            spec(
                "outside",
                stock(100, 1000, 1, null),
                List.of(
                    CampaignSpecs.wave("w1", begin, new AudienceSpec(w1, null), null),
                    CampaignSpecs.wave(
                        "w2", begin.plus(Duration.ofDays(1)), new AudienceSpec(w2, null), null))),
            settings());
    h.env.sleep(Duration.ofHours(2));
    String stockId = wf.status().stockId();
    PauseStockRequest pause = new PauseStockRequest();
    pause.setStockId(stockId);
    pause.setStockCreatorMchid("1900000001");
    h.merchants.find("1900000001").orElseThrow().coupons().pauseStock(pause);

    h.env.sleep(Duration.ofHours(1));
    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.STOCK_STATE);
    assertThat(paused.stockStatus()).isEqualTo("paused");

    wf.resumeCampaign(new ResumeRequest("ops"));
    StatusDocument done = result("outside");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(40);
    ExactlyOnce.assertHolds(h, "outside", stockId, Map.of(0, w1, 1, w2));
    h.recordHistory("outside", "stock-paused-outside-and-resumed");
  }
}
