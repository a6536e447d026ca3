package com.campaigns.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.activities.CampaignHarness;
import com.campaigns.activities.ExactlyOnce;
import com.campaigns.sandbox.unconfirmed.RepeatedCreate;
import com.campaigns.sandbox.unconfirmed.RepeatedMove;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.PauseRequest;
import com.campaigns.workflows.model.ResumeRequest;
import com.campaigns.workflows.model.StatusDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A campaign under each alternative the sandbox plays for an answer WeChat Pay leaves undocumented
 * (docs/sandbox.md, "Unconfirmed behaviours"); the daily cap's refusal is in {@link
 * CampaignErrorCodeIT}, the balance's in {@link CampaignFundsIT}.
 */
class CampaignUnconfirmedIT {

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

  /** One wave two hours after the stock's begin, so the stock runs idle first. */
  CampaignSpec spec(String id, List<String> openids) {
    Instant begin = Instant.ofEpochMilli(h.env.currentTimeMillis()).plus(Duration.ofHours(1));
    return new CampaignSpec(
        id,
        "1900000001",
        "wx0000000000000001",
        CampaignSpecs.stock(begin, begin.plus(Duration.ofDays(3)), 100, 1_000),
        List.of(
            CampaignSpecs.wave(
                "later", begin.plus(Duration.ofHours(2)), new AudienceSpec(openids, null), null)),
        new BudgetGuardSpec(List.of()),
        new FlowSpec(false, null));
  }

  Map<String, Long> outcomes(String endpoint) {
    Map<String, Long> outcomes = new TreeMap<>();
    JsonNode stats = h.getJson("/sandbox/stats").path(endpoint).path("outcomes");
    stats.fields().forEachRemaining(f -> outcomes.put(f.getKey(), f.getValue().asLong()));
    return outcomes;
  }

  @ParameterizedTest(name = "a repeated create answered {0}")
  @EnumSource(RepeatedCreate.class)
  void aCreateWhoseAnswerWasLostIsRepeatedAndMakesOneStock(RepeatedCreate answer) {
    h.putJson("/sandbox/unconfirmed", "{\"repeated_create\": \"" + answer + "\"}");
    // The create takes effect, then its answer is a 500: the activity creates again.
    h.faults(
        """
        {"seed": 4, "rules": [
          {"endpoint": "create_stock", "commit_error_rate": 1.0, "max_count": 1}]}
        """);
    String id = "create-" + answer.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    List<String> openids = CampaignSpecs.openids(id + "-", 100);
    h.start(spec(id, openids), settings());
    StatusDocument done =
        h.client()
            .newUntypedWorkflowStub(TemporalNames.workflowId(id))
            .getResult(StatusDocument.class);
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(100);
    ExactlyOnce.assertHolds(h, id, done.stockId(), Map.of(0, openids));
    String repeated = answer == RepeatedCreate.INVALID_REQUEST ? "400 INVALID_REQUEST" : "200";
    assertThat(outcomes("create_stock"))
        .containsEntry("500 SYSTEM_ERROR", 1L)
        .containsEntry(repeated, 1L)
        .hasSize(2);
    // One stock at WeChat Pay, and it is the campaign's.
    assertThat(h.sandboxCoupons(done.stockId())).hasSize(100);
    assertThat(h.getJson("/sandbox/stats").path("start_stock").path("total").asLong()).isEqualTo(1);
  }

  @ParameterizedTest(name = "a repeated move answered {0}")
  @EnumSource(RepeatedMove.class)
  void movesWhoseFirstAnswerWasLostAreRepeatedAndTheStocksStatusSettlesThem(RepeatedMove answer) {
    h.putJson("/sandbox/unconfirmed", "{\"repeated_move\": \"" + answer + "\"}");
    // Each move takes effect, then its answer is a 500: the activity repeats a move already made.
    h.faults(
        """
        {"seed": 3, "rules": [
          {"endpoint": "start_stock", "commit_error_rate": 1.0, "max_count": 1},
          {"endpoint": "pause_stock", "commit_error_rate": 1.0, "max_count": 1},
          {"endpoint": "restart_stock", "commit_error_rate": 1.0, "max_count": 1}]}
        """);
    String id = "repeat-" + answer.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    List<String> openids = CampaignSpecs.openids(id + "-", 300);
    CampaignWorkflow wf = h.start(spec(id, openids), settings());
    h.env.sleep(Duration.ofMinutes(70));
    assertThat(wf.status().stockStatus()).isEqualTo("running");

    wf.pause(new PauseRequest("check the stock", "ops-dan"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> wf.status().status() == CampaignPhase.PAUSED);
    assertThat(wf.status().stockStatus()).isEqualTo("paused");
    wf.resume(new ResumeRequest("ops-dan"));

    StatusDocument done =
        h.client()
            .newUntypedWorkflowStub(TemporalNames.workflowId(id))
            .getResult(StatusDocument.class);
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(300);
    ExactlyOnce.assertHolds(h, id, done.stockId(), Map.of(0, openids));
    // Each move was made once, its answer lost, and repeated: answered as the alternative says.
    String repeated = answer == RepeatedMove.PARAM_ERROR ? "400 PARAM_ERROR" : "200";
    for (String endpoint : List.of("start_stock", "pause_stock", "restart_stock")) {
      assertThat(outcomes(endpoint))
          .as(endpoint)
          .containsEntry("500 SYSTEM_ERROR", 1L)
          .containsEntry(repeated, 1L)
          .hasSize(2);
    }
  }
}
