package com.campaigns.activities;

import com.campaigns.activities.flow.FlowActivitiesImpl;
import com.campaigns.activities.issuance.IssuanceActivitiesImpl;
import com.campaigns.activities.issuance.IssuanceSettings;
import com.campaigns.activities.ledger.LedgerActivitiesImpl;
import com.campaigns.activities.stock.StockActivitiesImpl;
import com.campaigns.ledger.LedgerConfiguration.Ledger;
import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.ledger.audience.DatabaseAudienceStore;
import com.campaigns.sandbox.Sandbox;
import com.campaigns.sandbox.SandboxMerchant;
import com.campaigns.sandbox.SandboxOptions;
import com.campaigns.wechatpay.MerchantRegistry;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.wechatpay.WechatPayClientFactory;
import com.campaigns.wechatpay.WechatPayProperties;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.campaign.CampaignWorkflowImpl;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.WaveSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The whole issuing side in one JVM for tests: the time-skipping Temporal test server, the sandbox
 * on a random port whose business clock follows Temporal's, an H2 ledger migrated by Flyway, an
 * audience directory, and a worker built from the real activity implementations.
 */
public final class CampaignHarness implements AutoCloseable {

  public final TestWorkflowEnvironment env;
  public final Sandbox sandbox;
  public final Ledger ledger;
  public final AudienceStore audiences;
  public final WechatMerchants merchants;
  public final MerchantRegistry registry;

  /**
   * The watched merchants directory, or null when the merchants come from the sandbox's admin API.
   */
  public final Path merchantsDir;

  public final JdbcDataSource dataSource;

  /** The workers' meters (every worker of the harness records into this one). */
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** What the workers reach the ledger (and the audiences) through: can be taken down. */
  public final LedgerOutage ledgerOutage;

  private final IssuanceSettings issuanceSettings;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final java.util.Deque<WorkerFactory> workers = new java.util.ArrayDeque<>();
  private final boolean timeSkipping;

  public CampaignHarness() {
    this(IssuanceSettings.defaults(), Map.of());
  }

  public CampaignHarness(IssuanceSettings issuanceSettings, Map<String, String> sandboxProperties) {
    this(issuanceSettings, sandboxProperties, true);
  }

  /**
   * @param timeSkipping false to run on real time. Note: killing a worker cannot be tested on the
   *     in-memory server (it loses tasks matched to the dead worker's polls and freezes its clock
   *     while an attempt is outstanding); the real-server suite kills worker processes instead.
   */
  public CampaignHarness(
      IssuanceSettings issuanceSettings,
      Map<String, String> sandboxProperties,
      boolean timeSkipping) {
    this(issuanceSettings, sandboxProperties, timeSkipping, null);
  }

  /**
   * A harness whose merchants come from a watched directory (rescanned every 200 ms) holding every
   * sandbox merchant, each with the send rate given in {@code rates} (default 500/s): the way
   * production loads merchants, so tests can rotate, add and remove them while campaigns run.
   */
  public static CampaignHarness withMerchantsDirectory(
      IssuanceSettings issuanceSettings,
      Map<String, String> sandboxProperties,
      Map<String, Integer> rates) {
    return new CampaignHarness(issuanceSettings, sandboxProperties, true, rates);
  }

  private CampaignHarness(
      IssuanceSettings issuanceSettings,
      Map<String, String> sandboxProperties,
      boolean timeSkipping,
      Map<String, Integer> directoryRates) {
    this.issuanceSettings = issuanceSettings;
    this.timeSkipping = timeSkipping;
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(timeSkipping)
                .registerSearchAttribute("CampaignId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .registerSearchAttribute(
                    "CampaignStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .registerSearchAttribute("StockId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .registerSearchAttribute("Mchid", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    SandboxOptions.Builder options =
        SandboxOptions.builder()
            .port(0)
            .businessClock(env::currentTimeMillis)
            .property("sandbox.notify.retry-interval", "1s");
    sandboxProperties.forEach(options::property);
    sandbox = Sandbox.start(options.build());
    dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:ledger-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    ledgerOutage = new LedgerOutage(dataSource);
    ledger = Ledger.over(ledgerOutage);
    // The production default: audiences in the ledger's database.
    audiences = new DatabaseAudienceStore(ledgerOutage);
    WechatPayProperties properties;
    if (directoryRates == null) {
      merchantsDir = null;
      properties =
          new WechatPayProperties(
              sandbox.baseUrl(),
              sandbox.baseUrl(),
              Duration.ofSeconds(5),
              Duration.ofSeconds(10),
              500,
              List.of());
    } else {
      try {
        merchantsDir = Files.createTempDirectory("merchants-");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      for (SandboxMerchant m : sandbox.merchants()) {
        writeMerchant(m, directoryRates.get(m.mchid()));
      }
      properties =
          new WechatPayProperties(
              sandbox.baseUrl(),
              null,
              Duration.ofSeconds(5),
              Duration.ofSeconds(10),
              500,
              List.of(),
              merchantsDir,
              Duration.ofMillis(200),
              null);
    }
    merchants = new WechatMerchants(new WechatPayClientFactory(properties), List.of());
    registry = new MerchantRegistry(properties, merchants).start();
    startWorker();
  }

  /**
   * Writes a merchant's folder as ops would: merchant.yaml, apiclient_key.pem, apiclient_cert.pem,
   * apiv3.key and, in public-key mode, wechatpay_public_key.pem; file by file, in place.
   *
   * @param rate the merchant's send ceiling, null for the default
   */
  public void writeMerchant(SandboxMerchant m, Integer rate) {
    Path folder = merchantsDir.resolve(m.mchid());
    boolean publicKey = m.wechatpayPublicKeyPem() != null;
    StringBuilder yaml =
        new StringBuilder()
            .append("appids: [")
            .append(String.join(", ", m.appids()))
            .append("]\n")
            .append("merchant-serial-number: ")
            .append(m.merchantSerialNumber())
            .append("\n")
            .append("mode: ")
            .append(publicKey ? "public-key" : "platform-certificate")
            .append("\n");
    if (publicKey) {
      yaml.append("public-key-id: ").append(m.wechatpayPublicKeyId()).append("\n");
    }
    if (rate != null) {
      yaml.append("rate-limit-per-second: ").append(rate).append("\n");
    }
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("apiclient_key.pem"), m.merchantPrivateKeyPem());
      Files.writeString(folder.resolve("apiclient_cert.pem"), m.merchantCertificatePem());
      Files.writeString(folder.resolve("apiv3.key"), m.apiv3Key() + "\n");
      if (publicKey) {
        Files.writeString(folder.resolve("wechatpay_public_key.pem"), m.wechatpayPublicKeyPem());
      }
      Files.writeString(folder.resolve("merchant.yaml"), yaml);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a merchant's folder from the watched directory. */
  public void deleteMerchant(String mchid) {
    try (var files = Files.walk(merchantsDir.resolve(mchid))) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rotates the merchant's API key at the sandbox; answers the new credentials. */
  public SandboxMerchant rotateAtSandbox(String mchid, int graceSeconds) {
    try {
      return json.copy()
          .setPropertyNamingStrategy(
              com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
          .treeToValue(
              postJson(
                  "/sandbox/merchants/" + mchid + "/rotate",
                  "{\"grace_seconds\": " + graceSeconds + "}"),
              SandboxMerchant.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts one more worker (a process stand-in) on the campaigns task queue. */
  public void startWorker() {
    // Without time skipping (worker-kill tests) workflows are not cached: no sticky task queue ties
    // a workflow to a dead worker, so the survivor takes over at once.
    // Each worker gets its own client, as a separate process would.
    WorkerFactory workerFactory =
        timeSkipping
            ? WorkerFactory.newInstance(env.getWorkflowClient())
            : WorkerFactory.newInstance(
                WorkflowClient.newInstance(
                    env.getWorkflowServiceStubs(), env.getWorkflowClient().getOptions()),
                io.temporal.worker.WorkerFactoryOptions.newBuilder()
                    .setWorkflowCacheSize(0)
                    .build());
    workers.addLast(workerFactory);
    var worker = workerFactory.newWorker(TemporalNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StockActivitiesImpl(merchants, ledger.uses()),
        new IssuanceActivitiesImpl(
            merchants, audiences, ledger.issuance(), ledger.slots(), issuanceSettings, meters),
        new FlowActivitiesImpl(
            merchants,
            ledger.flows(),
            ledger.issuance(),
            ledger.uses(),
            ledger.reconciliations(),
            meters),
        new LedgerActivitiesImpl(ledger.campaigns()));
    workerFactory.start();
  }

  /**
   * Kills the oldest worker as abruptly as the SDK allows: its running activities are interrupted.
   */
  public void killWorker() {
    WorkerFactory oldest = workers.removeFirst();
    oldest.shutdownNow();
    oldest.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Stops every worker and waits until their running activities have returned. */
  public void stopWorkers() {
    while (!workers.isEmpty()) {
      WorkerFactory worker = workers.removeFirst();
      worker.shutdown();
      worker.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Stores inline audiences (as the API does) and starts the campaign workflow. */
  public CampaignWorkflow start(CampaignSpec spec, CampaignSettings settings) {
    List<WaveSpec> waves = new ArrayList<>();
    for (WaveSpec w : spec.waves()) {
      if (w.audience().openids() != null) {
        waves.add(
            w.withAudience(
                AudienceSpec.ofId(audiences.store(w.audience().openids()).audienceId())));
      } else {
        waves.add(w);
      }
    }
    CampaignSpec stored = spec.withWaves(waves);
    CampaignWorkflow wf =
        client()
            .newWorkflowStub(
                CampaignWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TemporalNames.TASK_QUEUE)
                    .setWorkflowId(TemporalNames.workflowId(spec.campaignId()))
                    .build());
    WorkflowClient.start(wf::run, new CampaignInput(stored, "test", settings, "test", null));
    return wf;
  }

  /**
   * Saves a finished campaign's history for the workflows module's replay test when the system
   * property {@code campaigns.recordHistories} names the directory (e.g. {@code
   * -Dcampaigns.recordHistories=$(pwd)/workflows/src/test/resources/histories} on {@code ./mvnw -pl
   * activities -am verify}; see workflows/README.md).
   */
  public void recordHistory(String campaignId, String name) {
    String dir = System.getProperty("campaigns.recordHistories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Path file = Path.of(dir).resolve(name + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, client().fetchHistory(TemporalNames.workflowId(campaignId)).toJson(true));
    } catch (IOException e) {
      throw new IllegalStateException("cannot record the history of " + campaignId, e);
    }
  }

  /**
   * The activities of type {@code activityType} in the campaign's latest run, as its history shows
   * them: how many were scheduled and how many of those have closed (completed, failed, timed out
   * or cancelled). An activity that is scheduled but not closed may still be running on a worker.
   */
  public ActivityCount activities(String campaignId, String activityType) {
    java.util.Set<Long> scheduled = new java.util.HashSet<>();
    long closed = 0;
    for (io.temporal.api.history.v1.HistoryEvent e :
        client().fetchHistory(TemporalNames.workflowId(campaignId)).getEvents()) {
      Long of = null;
      if (e.hasActivityTaskScheduledEventAttributes()) {
        if (e.getActivityTaskScheduledEventAttributes()
            .getActivityType()
            .getName()
            .equals(activityType)) {
          scheduled.add(e.getEventId());
        }
      } else if (e.hasActivityTaskCompletedEventAttributes()) {
        of = e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
      } else if (e.hasActivityTaskFailedEventAttributes()) {
        of = e.getActivityTaskFailedEventAttributes().getScheduledEventId();
      } else if (e.hasActivityTaskTimedOutEventAttributes()) {
        of = e.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
      } else if (e.hasActivityTaskCanceledEventAttributes()) {
        of = e.getActivityTaskCanceledEventAttributes().getScheduledEventId();
      }
      if (of != null && scheduled.contains(of)) {
        closed++;
      }
    }
    return new ActivityCount(scheduled.size(), closed);
  }

  /** Activities of one type in a history: scheduled, and closed of those. */
  public record ActivityCount(long scheduled, long closed) {
    public long open() {
      return scheduled - closed;
    }
  }

  /** The sandbox's answers to send_coupon so far, by outcome ("200", "400 INVALID_REQUEST", …). */
  public Map<String, Long> sendCouponOutcomes() {
    Map<String, Long> outcomes = new java.util.TreeMap<>();
    getJson("/sandbox/stats")
        .path("send_coupon")
        .path("outcomes")
        .fields()
        .forEachRemaining(f -> outcomes.put(f.getKey(), f.getValue().asLong()));
    return outcomes;
  }

  /** How many send_coupon requests the sandbox has answered so far, whatever the answer. */
  public long sendCouponRequests() {
    return getJson("/sandbox/stats").path("send_coupon").path("total").asLong();
  }

  /** Every coupon the sandbox issued for a stock: coupon_id → out_request_no, with the openid. */
  public List<JsonNode> sandboxCoupons(String stockId) {
    List<JsonNode> out = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page =
          getJson("/sandbox/stocks/" + stockId + "/coupons?offset=" + offset + "&limit=1000");
      page.path("data").forEach(out::add);
      offset += page.path("data").size();
      if (page.path("data").size() == 0 || offset >= page.path("total_count").asLong()) {
        return out;
      }
    }
  }

  public JsonNode redeem(String stockId, int count) {
    return postJson("/sandbox/stocks/" + stockId + "/redeem", "{\"count\": " + count + "}");
  }

  public JsonNode refund(String stockId, int count) {
    return postJson("/sandbox/stocks/" + stockId + "/refund", "{\"count\": " + count + "}");
  }

  public void faults(String rulesJson) {
    send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(rulesJson))
            .build());
  }

  public void clearFaults() {
    send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults")).DELETE().build());
  }

  public JsonNode getJson(String path) {
    return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET().build());
  }

  public JsonNode postJson(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public JsonNode putJson(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Makes one stock's flow files behave unlike the others (docs/sandbox.md, Admin API). */
  public JsonNode stockFlows(String stockId, String settingsJson) {
    return putJson("/sandbox/stocks/" + stockId + "/flows", settingsJson);
  }

  /** Records a COUPON.USE of each coupon in the ledger, as the API does when notified. */
  public void recordUses(String campaignId, String stockId, JsonNode couponIds, long amount) {
    for (JsonNode couponId : couponIds) {
      ledger
          .uses()
          .record(
              new com.campaigns.ledger.CouponUses.Use(
                  "EV-" + couponId.asText(),
                  couponId.asText(),
                  stockId,
                  campaignId,
                  amount,
                  null,
                  null,
                  null),
              "{}");
    }
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            request.uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      registry.close();
      workers.forEach(WorkerFactory::shutdownNow);
    } finally {
      try {
        env.close();
      } finally {
        sandbox.close();
      }
    }
  }
}
