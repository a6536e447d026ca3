package com.campaigns.starter.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.codec.AesGcmPayloadCodec;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.CapturedLogs;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestSandbox;
import com.campaigns.starter.TestTokens;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A full campaign under WeChat Pay faults (errors, 429s, dropped answers, latency), paused by ops,
 * redeemed, resumed, run to its reconciliation, with refused calls of every kind on the side; then
 * every place a secret could leak is scanned for one: the merchants' private keys and APIv3 keys,
 * the API tokens and the codec key must not appear in any log line (the whole JVM's, startup
 * included), any answer body (errors, status documents, report, actuator), or the workflow's
 * history, raw or decrypted. The history is also shown to be unreadable without the codec key and
 * readable with it.
 */
@StackTest
// After waiting for a campaign's end the test clock runs far ahead: later classes get a fresh
// stack.
// (Not a context of its own: the shared sandbox follows the clock of the last context created, so a
// closed private context would leave the cached one's campaigns on a dead clock.) The captured logs
// go back to the JVM's first context startup.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SecretsScanIT {

  static final String ID = "secrets";
  static final java.util.Set<String> MARKER_DATA = java.util.Set.of("result", "input", "data");

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WorkflowClient client;
  @Autowired AesGcmPayloadCodec codec;

  final List<String> answers = new ArrayList<>();

  @Test
  void noSecretLeaksIntoLogsAnswersOrHistoriesOfACampaignWithFaults() throws Exception {
    ApiClient api = ApiClient.on(port);
    ApiClient ops = api.as(TestTokens.OPS);
    ApiClient sandbox = new ApiClient(TestSandbox.get().baseUrl());
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    List<String> vip = Specs.openids("sec-vip-", 250);
    List<String> all = Specs.openids("sec-all-", 150);

    // WeChat Pay misbehaves on every call family the campaign makes.
    Answer faults =
        sandbox.send(
            HttpRequest.newBuilder(sandbox.uri("/sandbox/faults"))
                .header("Content-Type", "application/json")
                .PUT(
                    BodyPublishers.ofString(
                        "{\"seed\": 7, \"rules\": ["
                            + "{\"endpoint\": \"send_coupon\", \"error_rate\": 0.05, \"throttle_rate\": 0.03, \"drop_rate\": 0.02,"
                            + " \"latency_ms\": 5},"
                            + "{\"endpoint\": \"create_stock\", \"error_rate\": 0.5, \"max_count\": 1},"
                            + "{\"endpoint\": \"pause_stock\", \"throttle_rate\": 0.5, \"max_count\": 1},"
                            + "{\"endpoint\": \"*\", \"error_rate\": 0.1, \"max_count\": 5}]}")));
    assertThat(faults.status()).isEqualTo(200);

    try {
      String audience =
          keep(api.post("/api/v1/audiences", "text/plain", String.join("\n", all), Map.of()))
              .json()
              .path("audience_id")
              .asText();
      ObjectNode spec = Specs.sample(ID, now, Duration.ofMinutes(10), Duration.ofHours(3), vip);
      ((ObjectNode) spec.path("waves").get(0)).put("rate_per_second", 500);
      ObjectNode second = spec.withArray("waves").addObject();
      second.put("name", "all");
      second.put("start_at", ShanghaiTime.rfc3339(now.plus(Duration.ofMinutes(70))));
      second.putObject("audience").put("audience_id", audience);
      assertThat(keep(api.postJson("/api/v1/campaigns", spec)).status()).isEqualTo(201);

      env.sleep(Duration.ofMinutes(15));
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  keep(api.get("/api/v1/campaigns/" + ID))
                      .json()
                      .path("waves")
                      .get(0)
                      .path("status")
                      .asText()
                      .equals("DONE"));
      Answer paused =
          keep(
              ops.postJson(
                  "/api/v1/campaigns/" + ID + "/pause", Map.of("reason", "secrets check")));
      assertThat(paused.status()).as(paused.text()).isEqualTo(200);
      String stockId = paused.json().path("stock_id").asText();
      keep(sandbox.postJson("/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 20)));
      assertThat(keep(api.postJson("/api/v1/campaigns/" + ID + "/resume", "")).status())
          .isEqualTo(200);

      refusedCallsOfEveryKind(api);

      StatusDocument done =
          client
              .newUntypedWorkflowStub("campaign-" + ID)
              .getResult(3, TimeUnit.MINUTES, StatusDocument.class);
      assertThat(done.status().name()).isEqualTo("COMPLETED");
      keep(api.get("/api/v1/campaigns/" + ID));
      keep(api.get("/api/v1/campaigns/" + ID + "/report"));
      keep(api.get("/api/v1/campaigns/" + ID + "/report.csv"));
      keep(api.get("/api/v1/campaigns/" + ID + "/timeline"));
      keep(api.get("/api/v1/campaigns"));
      keep(api.get("/actuator/health"));
      keep(ops.get("/actuator/health"));
      keep(ops.get("/actuator/info"));
      keep(ops.get("/actuator/prometheus"));
      for (String hidden :
          List.of("env", "configprops", "beans", "loggers", "heapdump", "threaddump", "mappings")) {
        assertThat(keep(ops.get("/actuator/" + hidden)).status()).as(hidden).isEqualTo(404);
      }
    } finally {
      sandbox.send(HttpRequest.newBuilder(sandbox.uri("/sandbox/faults")).DELETE());
    }
    JsonNode injected = sandbox.get("/sandbox/stats").json().path("send_coupon").path("outcomes");
    assertThat(injected.toString()).as("faults were injected").containsAnyOf("500", "429");

    // The history: every payload (search attributes aside) encrypted, no openid or mchid in it.
    WorkflowExecutionHistory history = client.fetchHistory("campaign-" + ID);
    byte[] raw = history.getHistory().toByteArray();
    String rawText = new String(raw, StandardCharsets.ISO_8859_1);
    for (String openid : List.of(vip.get(0), vip.get(249), all.get(0))) {
      assertThat(rawText).as("openid in the raw history").doesNotContain(openid);
    }
    Map<String, Payload> payloads = new LinkedHashMap<>();
    collect(history.getHistory(), "history", payloads);
    assertThat(payloads).isNotEmpty();
    StringBuilder decrypted = new StringBuilder();
    payloads.forEach(
        (where, payload) -> {
          assertThat(AesGcmPayloadCodec.isEncrypted(payload)).as("%s is encrypted", where).isTrue();
          assertThat(payload.toByteString().toString(StandardCharsets.ISO_8859_1))
              .as("%s", where)
              .doesNotContain("1900000001", vip.get(0), "json/plain");
          decrypted
              .append(codec.decode(List.of(payload)).get(0).getData().toStringUtf8())
              .append('\n');
        });
    // (Inline openids become an audience before the workflow starts: the history holds audience
    // ids.)
    assertThat(decrypted.toString())
        .as("readable with the key")
        .contains(
            "\"mchid\":\"1900000001\"", "secrets check", TestTokens.OPS_NAME, "wx0000000000000001");

    // The scan.
    Map<String, String> secrets = secrets(sandbox);
    List<String> places = new ArrayList<>();
    CapturedLogs.lines().stream()
        // The sandbox stands in for WeChat Pay in this JVM and hands out its merchants' keys: not
        // ours.
        .filter(line -> !line.startsWith("com.campaigns.sandbox"))
        .forEach(line -> places.add("log: " + line));
    answers.forEach(a -> places.add("answer: " + a));
    places.add("history: " + rawText);
    places.add("decrypted history: " + decrypted);
    places.add("history JSON: " + history.toJson(false));
    assertThat(places)
        .as("startup logs are scanned too")
        .anyMatch(p -> p.contains("API tokens configured"));
    assertThat(answers.size()).isGreaterThan(30);
    secrets.forEach(
        (name, secret) -> {
          for (String place : places) {
            assertThat(place)
                .as("%s leaked into %s", name, abbreviate(place))
                .doesNotContain(secret);
          }
        });
  }

  /** 401, 403, 400, 404, 409, 413, 415 and codec refusals, each with a secret-looking input. */
  private void refusedCallsOfEveryKind(ApiClient api) {
    keep(api.anonymous().get("/api/v1/campaigns"));
    keep(api.as("wrong-" + TestTokens.CODEC_KEY).get("/api/v1/campaigns"));
    keep(api.as(TestTokens.VIEWER).postJson("/api/v1/campaigns/" + ID + "/pause", Map.of()));
    keep(api.postJson("/api/v1/campaigns/validate", "{\"mchid\": 1, \"stock\": []}"));
    keep(api.get("/api/v1/campaigns/nope"));
    keep(api.postJson("/api/v1/campaigns/" + ID + "/resume", ""));
    keep(api.post("/api/v1/audiences", "application/x-unknown", "o1", Map.of()));
    keep(
        api.anonymous()
            .post(
                "/wechatpay/notifications/coupon",
                "application/json",
                "{\"id\":1}",
                Map.of(
                    "Wechatpay-Timestamp",
                    String.valueOf(System.currentTimeMillis() / 1000),
                    "Wechatpay-Serial",
                    "PUB_KEY_ID_x",
                    "Wechatpay-Nonce",
                    "n",
                    "Wechatpay-Signature",
                    "AAAA")));
    keep(
        api.anonymous()
            .post("/codec/" + TestTokens.MARKETER + "/decode", "application/json", "{}", Map.of()));
    keep(
        api.as(TestTokens.OPS)
            .post(
                "/codec/decode",
                "application/json",
                "{\"payloads\":[{\"metadata\":"
                    + "{\"encoding\":\"YmluYXJ5L2VuY3J5cHRlZA==\",\"encryption-key-id\":\"eA==\"},\"data\":\"AAAA\"}]}",
                Map.of()));
    keep(api.get("/api/v1/users/o1/coupons?mchid=1900000001&appid=wx0000000000000001&limit=x"));
  }

  /** Every secret of the stack, by a name for the failure message. */
  private static Map<String, String> secrets(ApiClient sandbox) {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("marketer token", TestTokens.MARKETER);
    secrets.put("ops token", TestTokens.OPS);
    secrets.put("viewer token", TestTokens.VIEWER);
    secrets.put("codec key", TestTokens.CODEC_KEY);
    for (JsonNode m : sandbox.get("/sandbox/merchants").json()) {
      String mchid = m.path("mchid").asText();
      JsonNode full = sandbox.get("/sandbox/merchants/" + mchid).json();
      secrets.put(mchid + " APIv3 key", full.path("apiv3_key").asText());
      List<String> lines =
          full.path("merchant_private_key_pem")
              .asText()
              .lines()
              .filter(l -> !l.startsWith("-----") && l.length() >= 40)
              .toList();
      assertThat(lines).as("the private key of " + mchid).isNotEmpty();
      for (int i = 0; i < lines.size(); i++) {
        secrets.put(mchid + " private key line " + i, lines.get(i));
      }
      secrets.put(mchid + " private key (one line)", String.join("", lines).substring(0, 120));
    }
    secrets.values().forEach(s -> assertThat(s).hasSizeGreaterThanOrEqualTo(32));
    return secrets;
  }

  /**
   * Every Payload in a message, with its path; search attributes (indexed in clear by design) and
   * headers (never encoded by the SDK) aside.
   */
  static void collect(Message message, String path, Map<String, Payload> out) {
    if (message instanceof Payload p) {
      out.put(path + "#" + out.size(), p);
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      FieldDescriptor d = field.getKey();
      // Headers (context propagation) are not run through codecs by the Java SDK; the raw scan
      // covers them.
      if (d.getJavaType() != FieldDescriptor.JavaType.MESSAGE
          || d.getName().equals("search_attributes")
          || d.getName().equals("header")) {
        continue;
      }
      String where = path + "." + d.getName();
      if (d.isRepeated()) {
        for (Object item : (List<?>) field.getValue()) {
          if (item instanceof com.google.protobuf.MapEntry<?, ?> e) {
            // Marker bookkeeping (a local activity's id, type, time and attempt metadata, a version
            // marker's change id) is written by the SDK without codecs; results and inputs are
            // ours.
            boolean marker =
                path.endsWith("marker_recorded_event_attributes") && d.getName().equals("details");
            if (e.getValue() instanceof Message v
                && (!marker || MARKER_DATA.contains(String.valueOf(e.getKey())))) {
              collect(v, where + "[" + e.getKey() + "]", out);
            }
          } else if (item instanceof Message m) {
            collect(m, where, out);
          }
        }
      } else {
        collect((Message) field.getValue(), where, out);
      }
    }
  }

  private Answer keep(Answer a) {
    answers.add(a.status() + " " + a.headers().map() + " " + a.text());
    return a;
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
