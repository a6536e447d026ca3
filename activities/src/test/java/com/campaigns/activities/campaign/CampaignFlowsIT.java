package com.campaigns.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.CampaignHarness;
import com.campaigns.sandbox.unconfirmed.EmptyFlow;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.FlowsState;
import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.model.StatusDocument;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the real flow activities read the sandbox's flow answers: INVALID_REQUEST of any wording and
 * a 404 while redemptions are known are "not ready" (the campaign waits, visibly), a 404 with no
 * redemption is "no rows", and files that never come end in a report marked flows_unavailable.
 */
class CampaignFlowsIT {

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
        100, 2, Duration.ofMinutes(1), Duration.ofMinutes(30), 3_000, Duration.ofMinutes(5), null);
  }

  /** 40 recipients; the stock runs two hours from one hour from now; files the next day 10:00. */
  CampaignSpec spec(String id) {
    Instant begin = Instant.ofEpochMilli(h.env.currentTimeMillis()).plus(Duration.ofHours(1));
    return new CampaignSpec(
        id,
        "1900000001",
        "wx0000000000000001",
        CampaignSpecs.stock(begin, begin.plus(Duration.ofHours(2)), 500, 100),
        List.of(
            CampaignSpecs.wave(
                "all", begin, new AudienceSpec(CampaignSpecs.openids(id + "-", 40), null), null)),
        new BudgetGuardSpec(List.of()),
        new FlowSpec(true, null));
  }

  /** Starts the campaign and returns its stock once the wave has issued. */
  String startAndIssue(CampaignWorkflow wf) {
    h.env.sleep(Duration.ofMinutes(90));
    StatusDocument running = wf.status();
    assertThat(running.issued().count()).isEqualTo(40);
    return running.stockId();
  }

  StatusDocument result(String campaignId) {
    return h.client()
        .newUntypedWorkflowStub(TemporalNames.workflowId(campaignId))
        .getResult(StatusDocument.class);
  }

  double notReadyAnswers(String answer) {
    Counter c = h.meters.find("campaigns_flow_not_ready").tag("answer", answer).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aNotFoundWhileRedemptionsAreKnownIsWaitedOutUntilTheFilesAppear() {
    CampaignWorkflow wf = h.start(spec("used404"), settings());
    String stockId = startAndIssue(wf);
    // Before its files are out, this stock's flow requests get 404 (as if it had no rows); they
    // come out two hours after WeChat Pay's usual 10:00.
    h.stockFlows(stockId, "{\"not_ready_answer\": \"not-found\", \"delay_seconds\": 7200}");
    JsonNode redeemed = h.redeem(stockId, 5).path("coupon_ids");
    h.recordUses("used404", stockId, redeemed, 500);

    StatusDocument done = result("used404");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.flows().state()).isEqualTo(FlowsState.DOWNLOADED);
    assertThat(done.flows().tries()).isEqualTo(5);
    assertThat(done.flows().lastAnswer())
        .contains("404 RESOURCE_NOT_EXISTS", "although 5 redemptions are known");
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence(
            "ENDED", "FLOWS_WAITING", "USE_FLOW_DOWNLOADED", "REFUND_FLOW_DOWNLOADED", "COMPLETED");
    ReconciliationReport report = h.ledger.reconciliations().find("used404").orElseThrow();
    assertThat(report.totals().useFlowCount()).isEqualTo(5);
    assertThat(report.totals().notifiedCount()).isEqualTo(5);
    assertThat(report.flowsUnavailable()).isFalse();
    assertThat(notReadyAnswers("NOT_FOUND_WITH_USES")).isEqualTo(5);
    h.recordHistory("used404", "flows-404-with-redemptions-then-published");
  }

  @Test
  void aNotFoundWithNoRedemptionIsNoRows() {
    CampaignWorkflow wf = h.start(spec("none404"), settings());
    String stockId = startAndIssue(wf);
    h.stockFlows(stockId, "{\"not_ready_answer\": \"not-found\", \"ready\": \"never\"}");

    StatusDocument done = result("none404");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.flows().state()).isEqualTo(FlowsState.DOWNLOADED);
    assertThat(done.flows().tries()).isZero();
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .doesNotContain("FLOWS_WAITING");
    ReconciliationReport report = h.ledger.reconciliations().find("none404").orElseThrow();
    assertThat(report.totals().useFlowCount()).isZero();
    assertThat(report.totals().issuedCount()).isEqualTo(40);
    assertThat(h.ledger.flows().downloaded("none404", "USE")).isTrue();
  }

  /** A stock nobody redeemed from: under each answer WeChat Pay may give, zero rows reconciled. */
  @ParameterizedTest(name = "an empty flow answered {0}")
  @EnumSource(EmptyFlow.class)
  void aStockWithoutRedemptionsReconcilesToZeroRows(EmptyFlow answer) {
    h.putJson("/sandbox/unconfirmed", "{\"empty_flow\": \"" + answer + "\"}");
    String id = "empty-" + answer.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    CampaignWorkflow wf = h.start(spec(id), settings());
    startAndIssue(wf);

    StatusDocument done = result(id);
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.flows().state()).isEqualTo(FlowsState.DOWNLOADED);
    ReconciliationReport report = h.ledger.reconciliations().find(id).orElseThrow();
    assertThat(report.totals().useFlowCount()).isZero();
    assertThat(report.totals().issuedCount()).isEqualTo(40);
    assertThat(report.flowsUnavailable()).isFalse();
  }

  @Test
  void anInvalidRequestOfAnyWordingIsNotReady() {
    CampaignWorkflow wf = h.start(spec("worded"), settings());
    startAndIssue(wf);
    h.faults(
        """
        {"seed": 3, "rules": [{"endpoint": "use_flow", "error_rate": 1.0, "error_status": 400,
          "error_code": "INVALID_REQUEST", "error_message": "请求参数错误", "max_count": 2}]}
        """);

    StatusDocument done = result("worded");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isTrue();
    assertThat(done.flows().tries()).isEqualTo(2);
    assertThat(done.flows().lastAnswer()).contains("INVALID_REQUEST 请求参数错误");
    assertThat(notReadyAnswers("INVALID_REQUEST")).isEqualTo(2);
  }

  @Test
  void filesThatNeverComeEndInAReportMarkedFlowsUnavailable() {
    CampaignWorkflow wf =
        h.start(
            spec("never"),
            settings()
                .withFlowWait(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(6)));
    String stockId = startAndIssue(wf);
    h.stockFlows(stockId, "{\"ready\": \"never\"}");
    h.recordUses("never", stockId, h.redeem(stockId, 3).path("coupon_ids"), 500);

    StatusDocument done = result("never");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.reconciliation().balanced()).isFalse();
    assertThat(done.reconciliation().flowsUnavailable()).isTrue();
    assertThat(done.flows().state()).isEqualTo(FlowsState.UNAVAILABLE);
    assertThat(done.flows().reason()).contains("use and refund flows", "INVALID_REQUEST");
    ReconciliationReport report = h.ledger.reconciliations().find("never").orElseThrow();
    assertThat(report.flowsUnavailable()).isTrue();
    assertThat(report.flowsUnavailableReason()).isEqualTo(done.flows().reason());
    assertThat(report.balanced()).isFalse();
    assertThat(report.mismatches()).isEmpty();
    assertThat(report.totals().issuedCount()).isEqualTo(40);
    assertThat(report.totals().notifiedCount()).isEqualTo(3);
    assertThat(h.meters.find("campaigns_flows_unavailable").counter().count()).isEqualTo(1);
  }
}
