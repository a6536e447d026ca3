package com.campaigns.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.CampaignHarness;
import com.campaigns.activities.ExactlyOnce;
import com.campaigns.sandbox.unconfirmed.ShortOfFunds;
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
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StockSpec;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Money at activation, under every answer WeChat Pay may give a balance too low to lock a
 * pre-funded budget (the code is undocumented: {@link ShortOfFunds}): the campaign pauses with
 * INSUFFICIENT_FUNDS, nothing is locked or issued, and a resume after the top-up activates the
 * stock and issues every recipient once.
 */
class CampaignFundsIT {

  static final String MCHID = "1900000001";
  static final String BALANCE = "/sandbox/merchants/" + MCHID + "/balance";
  static final long COUPON = 100;
  static final int RECIPIENTS = 200;
  static final long BUDGET = COUPON * RECIPIENTS;

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

  CampaignSpec spec(String id, boolean noCash, List<String> openids) {
    StockSpec stock =
        new StockSpec(
            "预充值券",
            null,
            ShanghaiTime.rfc3339(begin),
            ShanghaiTime.rfc3339(begin.plus(Duration.ofDays(3))),
            COUPON,
            COUPON + 1,
            (long) RECIPIENTS,
            1,
            null,
            null,
            noCash,
            null,
            null,
            null,
            null,
            null);
    return new CampaignSpec(
        id,
        MCHID,
        "wx0000000000000001",
        stock,
        List.of(CampaignSpecs.wave("all", begin, new AudienceSpec(openids, null), null)),
        new BudgetGuardSpec(List.of()),
        new FlowSpec(false, null));
  }

  StatusDocument result(String id) {
    return h.client()
        .newUntypedWorkflowStub(TemporalNames.workflowId(id))
        .getResult(StatusDocument.class);
  }

  @ParameterizedTest(name = "activation refused with {0}")
  @EnumSource(ShortOfFunds.class)
  void aBudgetTheBalanceCannotCoverPausesTheCampaignUntilTheTopUpAndResume(ShortOfFunds answer) {
    h.putJson("/sandbox/unconfirmed", "{\"activation_short_of_funds\": \"" + answer + "\"}");
    h.putJson(BALANCE, "{\"deposit\": " + (BUDGET - 1) + "}");
    String id = "funds-" + answer.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    List<String> openids = CampaignSpecs.openids(id + "-", RECIPIENTS);
    CampaignWorkflow wf = h.start(spec(id, false, openids), settings());
    h.env.sleep(Duration.ofHours(2));

    StatusDocument paused = wf.status();
    assertThat(paused.status()).isEqualTo(CampaignPhase.PAUSED);
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.INSUFFICIENT_FUNDS);
    assertThat(paused.pause().detail()).contains(answer.name()).contains("top up");
    assertThat(paused.stockStatus()).isEqualTo("unactivated");
    assertThat(paused.issued().count()).isZero();
    JsonNode shortBalance = h.getJson(BALANCE);
    assertThat(shortBalance.get("locked").asLong()).isZero();
    assertThat(shortBalance.get("available").asLong()).isEqualTo(BUDGET - 1);

    if (answer == ShortOfFunds.NOT_ENOUGH) {
      // Resumed before the top-up: activated again, refused again, still paused and saying so.
      StatusDocument still = wf.resumeCampaign(new ResumeRequest("ops-eve"));
      assertThat(still.status()).isEqualTo(CampaignPhase.PAUSED);
      assertThat(still.pause().reason()).isEqualTo(PauseReason.INSUFFICIENT_FUNDS);
      assertThat(still.history())
          .extracting(StatusDocument.HistoryEntry::event)
          .contains("RESUME_FAILED");
    }

    h.putJson(BALANCE, "{\"deposit\": " + BUDGET + "}");
    StatusDocument resumed = wf.resumeCampaign(new ResumeRequest("ops-eve"));
    assertThat(resumed.status()).isEqualTo(CampaignPhase.RUNNING);
    assertThat(h.getJson(BALANCE).get("locked").asLong()).isEqualTo(BUDGET);

    StatusDocument done = result(id);
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(RECIPIENTS);
    ExactlyOnce.assertHolds(h, id, done.stockId(), Map.of(0, openids));
    // The stock ended with nothing used: the whole budget is free again.
    JsonNode after = h.getJson(BALANCE);
    assertThat(after.get("locked").asLong()).isZero();
    assertThat(after.get("available").asLong()).isEqualTo(BUDGET);
    if (answer == ShortOfFunds.NOT_ENOUGH) {
      h.recordHistory(id, "insufficient-funds-refused-by-sandbox-then-topped-up");
    }
  }

  @Test
  void aStockTheMerchantFundsAtRedemptionNeedsNoBalance() {
    h.putJson(BALANCE, "{\"deposit\": 0}");
    List<String> openids = CampaignSpecs.openids("no-cash-", RECIPIENTS);
    h.start(spec("no-cash", true, openids), settings());
    StatusDocument done = result("no-cash");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(RECIPIENTS);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .doesNotContain("PAUSED");
  }
}
