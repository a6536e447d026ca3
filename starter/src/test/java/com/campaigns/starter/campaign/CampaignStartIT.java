package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignSpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /api/v1/campaigns}: starts once per campaign id and spec. */
@StackTest
class CampaignStartIT {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WorkflowClient client;
  @Autowired CampaignIndex index;
  @Autowired SpecReader reader;
  ApiClient api;
  Instant now;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
    now = Instant.ofEpochMilli(env.currentTimeMillis());
  }

  @Test
  void startAnswers201WithTheStatusDocumentAndLocation() {
    Answer a = api.postJson("/api/v1/campaigns", Specs.farAhead("start-1", now));

    assertThat(a.status()).as(a.text()).isEqualTo(201);
    assertThat(a.headers().firstValue("Location")).hasValue("/api/v1/campaigns/start-1");
    assertThat(a.json().path("campaign_id").asText()).isEqualTo("start-1");
    assertThat(a.json().path("workflow_id").asText()).isEqualTo("campaign-start-1");
    assertThat(a.json().path("status").asText()).isIn("SCHEDULED", "CREATING_STOCK");
    assertThat(a.json().has("pause")).isTrue();
    assertThat(a.json().path("pause").isNull()).isTrue();
    assertThat(a.json().path("waves").get(0).path("name").asText()).isEqualTo("vip");
  }

  @Test
  void sameIdAndSameSpecAgainAnswers200WithoutASecondWorkflow() {
    ObjectNode spec = Specs.farAhead("start-2", now);
    assertThat(api.postJson("/api/v1/campaigns", spec).status()).isEqualTo(201);
    String firstRun =
        client.newUntypedWorkflowStub("campaign-start-2").describe().getExecution().getRunId();

    Answer again = api.postJson("/api/v1/campaigns", spec);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("campaign_id").asText()).isEqualTo("start-2");
    assertThat(
            client.newUntypedWorkflowStub("campaign-start-2").describe().getExecution().getRunId())
        .isEqualTo(firstRun);
    assertThat(openRuns("campaign-start-2")).isEqualTo(1);
  }

  @Test
  void sameIdWithADifferentSpecAnswers409() {
    ObjectNode spec = Specs.farAhead("start-3", now);
    assertThat(api.postJson("/api/v1/campaigns", spec).status()).isEqualTo(201);
    ((ObjectNode) spec.path("stock")).put("coupon_amount", 600);
    ((ObjectNode) spec.path("stock")).put("transaction_minimum", 1200);

    Answer a = api.postJson("/api/v1/campaigns", spec);

    assertThat(a.status()).isEqualTo(409);
    assertThat(a.error()).isEqualTo("campaign_exists");
    assertThat(index.find("start-3").orElseThrow().specHash()).hasSize(64);
  }

  @Test
  void missingCampaignIdIsGenerated() {
    Answer a = api.postJson("/api/v1/campaigns", Specs.farAhead(null, now));

    assertThat(a.status()).isEqualTo(201);
    String id = a.json().path("campaign_id").asText();
    assertThat(id).matches("^c-[0-9a-f]{32}$");
    assertThat(index.find(id)).isPresent();
  }

  @Test
  void invalidSpecStartsNothing() {
    ObjectNode spec = Specs.farAhead("start-bad", now);
    ((ObjectNode) spec.path("stock")).put("coupon_amount", 1);

    Answer a = api.postJson("/api/v1/campaigns", spec);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_spec");
    assertThat(index.find("start-bad")).isEmpty();
    assertThatThrownBy(() -> client.newUntypedWorkflowStub("campaign-start-bad").describe())
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void aCrashBetweenTheIndexRowAndTheWorkflowStartHealsOnRetry() {
    ObjectNode spec = Specs.farAhead("start-heal", now);
    byte[] body = spec.toString().getBytes(StandardCharsets.UTF_8);
    CampaignSpec parsed = reader.read(body);
    // What a crashed first attempt leaves behind: the index row, no workflow.
    assertThat(
            index.insert(
                "start-heal",
                "campaign-start-heal",
                parsed.mchid(),
                parsed.appid(),
                reader.hash(parsed),
                "{}",
                parsed.stock().budget(),
                "api"))
        .isTrue();

    Answer retry = api.postJson("/api/v1/campaigns", spec);

    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().path("campaign_id").asText()).isEqualTo("start-heal");
    assertThat(openRuns("campaign-start-heal")).isEqualTo(1);
    assertThat(api.get("/api/v1/campaigns/start-heal").status()).isEqualTo(200);
  }

  @Test
  void inlineOpenidsAreStoredAsAnAudienceBeforeTheWorkflowStarts() {
    ObjectNode spec = Specs.farAhead("start-inline", now);

    assertThat(api.postJson("/api/v1/campaigns", spec).status()).isEqualTo(201);

    String stored = index.find("start-inline").orElseThrow().specJson();
    assertThat(stored).contains("\"audience_id\":\"aud-").doesNotContain("openids");
    CampaignInput input =
        client
            .fetchHistory("campaign-start-inline")
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloadsList()
            .stream()
            .map(
                p ->
                    client
                        .getOptions()
                        .getDataConverter()
                        .fromPayload(p, CampaignInput.class, CampaignInput.class))
            .findFirst()
            .orElseThrow();
    assertThat(input.spec().waves().get(0).audience().openids()).isNull();
    assertThat(input.spec().waves().get(0).audience().audienceId()).startsWith("aud-");
    assertThat(input.settings().segmentSize()).isEqualTo(100);
    assertThat(input.settings().notifyUrl()).endsWith("/wechatpay/notifications/coupon");
    assertThat(input.startedBy()).isEqualTo(com.campaigns.starter.TestTokens.MARKETER_NAME);
  }

  private long openRuns(String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecutionFilter(WorkflowExecutionFilter.newBuilder().setWorkflowId(workflowId))
                .build())
        .getExecutionsCount();
  }
}
