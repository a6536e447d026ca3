package com.campaigns.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.sandbox.Sandbox;
import com.campaigns.sandbox.SandboxOptions;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.activity.FlowActivities;
import com.campaigns.workflows.activity.IssuanceActivities;
import com.campaigns.workflows.activity.LedgerActivities;
import com.campaigns.workflows.activity.StockActivities;
import com.campaigns.workflows.campaign.CampaignTidyUpWorkflowImpl;
import com.campaigns.workflows.campaign.CampaignWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.spring.boot.autoconfigure.template.WorkersTemplate;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker as it starts with the local profile, against the in-memory Temporal test server, an
 * in-memory H2 ledger and an embedded sandbox standing in for WeChat Pay.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "campaigns.worker.campaign-gauges.interval=1s"
    })
@ActiveProfiles("local")
@AutoConfigureObservability
class WorkerApplicationIT {

  private static final Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).build());
  private static final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path audiences = Files.createTempDirectory("worker-test-audiences-");
    registry.add("campaigns.wechatpay.base-url", sandbox::baseUrl);
    registry.add("campaigns.wechatpay.sandbox-admin-url", sandbox::baseUrl);
    registry.add("campaigns.audiences.dir", audiences::toString);
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:worker-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Autowired WorkersTemplate workers;
  @Autowired WorkerFactory workerFactory;
  @Autowired TestWorkflowEnvironment testServer;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Autowired io.temporal.common.converter.DataConverter dataConverter;

  @Test
  void everyPayloadIsEncryptedWithTheConfiguredCodec() {
    var payload =
        dataConverter.toPayload(java.util.Map.of("openid", "o-worker-test")).orElseThrow();

    assertThat(payload.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(payload.getMetadataOrThrow("encryption-key-id").toStringUtf8())
        .isEqualTo("local-dev");
    assertThat(payload.toByteString().toStringUtf8()).doesNotContain("o-worker-test");
    assertThat(dataConverter.fromPayload(payload, java.util.Map.class, java.util.Map.class))
        .containsEntry("openid", "o-worker-test");
    assertThat(testServer.getWorkflowClient().getOptions().getDataConverter())
        .isSameAs(dataConverter);
  }

  @Test
  void registersTheCampaignAndTidyUpWorkflowsOnTheCampaignsTaskQueue() {
    var info = workers.getRegisteredInfo().get(TemporalNames.TASK_QUEUE);

    assertThat(info).as("a worker on task queue campaigns").isNotNull();
    assertThat(info.isWorkflowRegistered(CampaignWorkflowImpl.class)).isTrue();
    assertThat(info.isWorkflowRegistered(CampaignTidyUpWorkflowImpl.class)).isTrue();
    assertThat(info.getRegisteredWorkflowInfo())
        .flatExtracting(w -> w.getMetadata().getWorkflowMethods())
        .extracting(POJOWorkflowMethodMetadata::getName)
        .containsExactlyInAnyOrder(
            TemporalNames.WORKFLOW_TYPE, TemporalNames.WORKFLOW_TYPE_TIDY_UP);
  }

  @Test
  void registersTheFourActivityInterfacesOnTheCampaignsTaskQueue() {
    var info = workers.getRegisteredInfo().get(TemporalNames.TASK_QUEUE);

    List<Class<?>> interfaces =
        info.getRegisteredActivityInfo().stream()
            .flatMap(a -> a.getMetadata().getActivityInterfaces().stream())
            .map(POJOActivityInterfaceMetadata::getInterfaceClass)
            .<Class<?>>map(c -> c)
            .toList();
    assertThat(interfaces)
        .containsExactlyInAnyOrder(
            StockActivities.class,
            IssuanceActivities.class,
            FlowActivities.class,
            LedgerActivities.class);
    List<String> types =
        info.getRegisteredActivityInfo().stream()
            .flatMap(a -> a.getMetadata().getActivityMethods().stream())
            .map(POJOActivityMethodMetadata::getActivityTypeName)
            .toList();
    assertThat(types)
        .contains(
            TemporalNames.ACTIVITY_CREATE_STOCK,
            TemporalNames.ACTIVITY_ACTIVATE_STOCK,
            TemporalNames.ACTIVITY_ISSUE_COUPONS,
            TemporalNames.ACTIVITY_PAUSE_STOCK,
            TemporalNames.ACTIVITY_RESTART_STOCK,
            TemporalNames.ACTIVITY_DOWNLOAD_USE_FLOW,
            TemporalNames.ACTIVITY_RECORD_STATUS);
  }

  @Test
  void spreadsActivitiesOverEveryWorkerInsteadOfRunningThemEagerly() {
    var options = workerFactory.getWorker(TemporalNames.TASK_QUEUE).getWorkerOptions();

    assertThat(options.isEagerExecutionDisabled()).isTrue();
    assertThat(options.getMaxConcurrentActivityExecutionSize()).isEqualTo(100);
  }

  @Test
  void registersTheSearchAttributesAtStartup() {
    // registerSearchAttribute answers false when the attribute already exists.
    for (String name : List.of("CampaignId", "CampaignStatus", "StockId", "Mchid")) {
      assertThat(
              testServer.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD))
          .as(name)
          .isFalse();
    }
  }

  @Test
  void flywayMigratesTheLedger() {
    Integer applied =
        jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success")
            .query(Integer.class)
            .single();
    assertThat(applied).isPositive();
    for (String table :
        List.of("campaign", "issuance", "coupon_use", "flow_row", "reconciliation", "rate_slot")) {
      assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single())
          .as(table)
          .isZero();
    }
  }

  @Test
  void healthIsUpOnceTheWorkersPoll() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"status\":\"UP\"")
        .contains("\"temporal\"")
        .contains("\"db\"");
    assertThat(health.body())
        .contains("\"merchants\"")
        .contains("\"1900000001\"")
        .contains("platform-certificate")
        .doesNotContain("PRIVATE KEY")
        .doesNotContain(sandbox.merchant("1900000001").apiv3Key());
  }

  @Test
  void prometheusServesTemporalSdkAndCampaignMetrics() {
    // The SDK reports to Micrometer every 10 s; the pollers' requests are enough to produce series.
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              HttpResponse<String> scrape = get("/actuator/prometheus");
              assertThat(scrape.statusCode()).isEqualTo(200);
              assertThat(scrape.body()).contains("temporal_").contains("task_queue=\"campaigns\"");
            });
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
