package com.campaigns.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.ConsoleSession;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may call what (docs/security.md): 401 without or with a wrong token, 403 for the wrong role,
 * per endpoint family, each with the SPEC's error body; the operator recorded in the campaign is
 * the token's name whatever the caller claims.
 */
@StackTest
class ApiAccessIT {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  ApiClient marketer;
  ApiClient ops;
  ApiClient viewer;
  ApiClient nobody;

  @BeforeEach
  void setUp() {
    marketer = ApiClient.on(port);
    ops = marketer.as(TestTokens.OPS);
    viewer = marketer.as(TestTokens.VIEWER);
    nobody = marketer.anonymous();
  }

  @Test
  void everyApiFamilyAnswers401WithoutAToken() {
    assertUnauthorized(nobody.get("/api/v1/campaigns"), false);
    assertUnauthorized(nobody.get("/api/v1/campaigns/x"), false);
    assertUnauthorized(nobody.get("/api/v1/campaigns/x/report"), false);
    assertUnauthorized(nobody.postJson("/api/v1/campaigns/validate", "{}"), false);
    assertUnauthorized(nobody.postJson("/api/v1/campaigns", "{}"), false);
    assertUnauthorized(nobody.postJson("/api/v1/campaigns/x/pause", "{}"), false);
    assertUnauthorized(nobody.postJson("/api/v1/campaigns/x/resume", ""), false);
    assertUnauthorized(nobody.postJson("/api/v1/campaigns/x/cancel", "{}"), false);
    assertUnauthorized(nobody.post("/api/v1/audiences", "text/plain", "o1", Map.of()), false);
    assertUnauthorized(
        nobody.get("/api/v1/users/o1/coupons?mchid=1900000001&appid=wx0000000000000001"), false);
    assertUnauthorized(nobody.get("/api/v1/merchants/1900000001/callback"), false);
    assertUnauthorized(nobody.get("/api/v1/nothing-here"), false);
    assertUnauthorized(nobody.get("/actuator/prometheus"), false);
    assertUnauthorized(nobody.get("/actuator/info"), false);
    assertUnauthorized(
        nobody.post("/codec/decode", "application/json", "{\"payloads\":[]}", Map.of()), false);
    assertUnauthorized(nobody.get("/v3/api-docs"), false);
  }

  @Test
  void aWrongOrMalformedTokenAnswers401AndNamesNoToken() {
    Answer wrong = marketer.as("not-a-configured-token").get("/api/v1/campaigns");
    assertUnauthorized(wrong, true);
    assertThat(wrong.text()).doesNotContain("not-a-configured-token");

    Answer basic =
        nobody.send(
            HttpRequest.newBuilder(nobody.uri("/api/v1/campaigns"))
                .header(
                    "Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes()))
                .GET());
    assertUnauthorized(basic, true);
    Answer empty =
        nobody.send(
            HttpRequest.newBuilder(nobody.uri("/api/v1/campaigns"))
                .header("Authorization", "Bearer ")
                .GET());
    assertUnauthorized(empty, false);
    Answer huge = marketer.as("x".repeat(4000)).get("/api/v1/campaigns");
    assertUnauthorized(huge, true);
    // A token's hash is not a token.
    assertUnauthorized(
        marketer.as(ApiTokens.sha256Hex(TestTokens.MARKETER)).get("/api/v1/campaigns"), true);
  }

  @Test
  void aViewerReadsButChangesNothing() {
    String id = "acc-viewer";
    start(id);

    assertThat(viewer.get("/api/v1/campaigns").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/campaigns/" + id).status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/campaigns/" + id + "/timeline").status()).isEqualTo(200);
    assertForbidden(viewer.postJson("/api/v1/campaigns/validate", Specs.farAhead("acc-v2", now())));
    assertForbidden(viewer.postJson("/api/v1/campaigns", Specs.farAhead("acc-v2", now())));
    assertForbidden(viewer.postJson("/api/v1/campaigns/" + id + "/pause", Map.of("reason", "r")));
    assertForbidden(viewer.postJson("/api/v1/campaigns/" + id + "/resume", ""));
    assertForbidden(viewer.postJson("/api/v1/campaigns/" + id + "/cancel", Map.of()));
    assertForbidden(
        viewer.postJson(
            "/api/v1/campaigns/" + id + "/waves/vip/reschedule",
            Map.of("start_at", "2030-01-01T10:00:00+08:00")));
    assertForbidden(viewer.post("/api/v1/audiences", "text/plain", "o1\no2", Map.of()));
    assertForbidden(put(viewer, "/api/v1/merchants/1900000001/callback"));
    assertForbidden(viewer.get("/actuator/prometheus"));
    assertForbidden(
        viewer.post("/codec/decode", "application/json", "{\"payloads\":[]}", Map.of()));
    assertThat(viewer.get("/api/v1/campaigns/acc-v2").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/campaigns/" + id).json().path("status").asText())
        .isNotIn("PAUSED", "CANCELLED");
  }

  @Test
  void opsSteerCampaignsButDoNotCreateThem() {
    String id = "acc-ops";
    start(id);

    assertForbidden(ops.postJson("/api/v1/campaigns/validate", Specs.farAhead("acc-o2", now())));
    assertForbidden(ops.postJson("/api/v1/campaigns", Specs.farAhead("acc-o2", now())));
    assertForbidden(ops.post("/api/v1/audiences", "text/plain", "o1", Map.of()));
    assertForbidden(
        ops.postJson(
            "/api/v1/campaigns/" + id + "/waves/vip/reschedule",
            Map.of("start_at", "2030-01-01T10:00:00+08:00")));
    assertThat(ops.get("/api/v1/campaigns/acc-o2").status()).isEqualTo(404);
    assertThat(ops.get("/actuator/prometheus").status()).isEqualTo(200);

    // The operator is the token's name; a header claiming another is ignored.
    Answer paused =
        ops.post(
            "/api/v1/campaigns/" + id + "/pause",
            "application/json",
            "{\"reason\": \"ops check\"}",
            Map.of("X-Operator", "mallory"));
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().path("pause").path("operator").asText())
        .isEqualTo(TestTokens.OPS_NAME);
    assertThat(paused.text()).doesNotContain("mallory");

    Answer resumed = marketer.postJson("/api/v1/campaigns/" + id + "/resume", "");
    assertThat(resumed.status()).isEqualTo(200);
    JsonNode status = viewer.get("/api/v1/campaigns/" + id).json();
    assertThat(history(status, "PAUSED")).contains("ops check", "(by " + TestTokens.OPS_NAME + ")");
    assertThat(history(status, "RESUMED")).contains("(by " + TestTokens.MARKETER_NAME + ")");

    Answer cancelled =
        ops.postJson("/api/v1/campaigns/" + id + "/cancel", Map.of("reason", "end it"));
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(history(cancelled.json(), "CANCELLED")).contains("(by " + TestTokens.OPS_NAME + ")");
  }

  @Test
  void aMarketerRunsCampaignsButNeitherMetricsNorTheCodecNorCallbacks() {
    assertThat(
            marketer
                .postJson("/api/v1/campaigns/validate", Specs.farAhead("acc-m", now()))
                .status())
        .isEqualTo(200);
    assertForbidden(marketer.get("/actuator/prometheus"));
    assertForbidden(
        marketer.post("/codec/decode", "application/json", "{\"payloads\":[]}", Map.of()));
    assertForbidden(put(marketer, "/api/v1/merchants/1900000001/callback"));
  }

  @Test
  void machinesTokensOpenTheirOneEndpointAndNothingElse() {
    String id = "acc-machines";
    start(id);
    ApiClient codec = marketer.as(TestTokens.CODEC);
    ApiClient metrics = marketer.as(TestTokens.METRICS);

    assertThat(
            codec.post("/codec/decode", "application/json", "{\"payloads\":[]}", Map.of()).status())
        .isEqualTo(200);
    assertThat(metrics.get("/actuator/prometheus").status()).isEqualTo(200);
    assertForbidden(codec.get("/actuator/prometheus"));
    assertForbidden(
        metrics.post("/codec/decode", "application/json", "{\"payloads\":[]}", Map.of()));
    assertForbidden(metrics.get("/actuator/info"));
    for (ApiClient machine : java.util.List.of(codec, metrics)) {
      assertForbidden(machine.get("/api/v1/campaigns"));
      assertForbidden(machine.get("/api/v1/campaigns/" + id));
      assertForbidden(
          machine.postJson("/api/v1/campaigns/" + id + "/pause", Map.of("reason", "r")));
      assertForbidden(machine.postJson("/api/v1/campaigns/" + id + "/cancel", Map.of()));
      assertForbidden(machine.postJson("/api/v1/campaigns", Specs.farAhead("acc-m2", now())));
      assertForbidden(put(machine, "/api/v1/merchants/1900000001/callback"));
      assertForbidden(machine.get("/api/v1/merchants/1900000001/callback"));
      assertForbidden(machine.get("/v3/api-docs"));
      // Nor do they sign in to the console.
      assertThat(ConsoleSession.attempt(port, TestTokens.CODEC).headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error"));
    }
    assertThat(viewer.get("/api/v1/campaigns/" + id).json().path("status").asText())
        .isNotIn("PAUSED", "CANCELLED");
  }

  @Test
  void onlyAnAdminChangesACallbackAndOnlyAnApproverIsNotAMarketer() {
    ApiClient admin = marketer.as(TestTokens.ADMIN);
    ApiClient approver = marketer.as(TestTokens.APPROVER);
    assertForbidden(put(ops, "/api/v1/merchants/1900000001/callback"));
    // Past security: the URL itself is then checked (an http one is refused), so the shared
    // sandbox's callback is not moved by this test.
    Answer checked =
        admin.send(
            HttpRequest.newBuilder(admin.uri("/api/v1/merchants/1900000001/callback"))
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"notify_url\": \"http://plain.example/n\"}")));
    assertThat(checked.status()).as(checked.text()).isEqualTo(400);
    assertForbidden(admin.postJson("/api/v1/campaigns", Specs.farAhead("acc-a2", now())));
    assertForbidden(admin.get("/actuator/prometheus"));

    assertThat(approver.get("/api/v1/campaigns").status()).isEqualTo(200);
    assertForbidden(approver.postJson("/api/v1/campaigns", Specs.farAhead("acc-a3", now())));
    assertForbidden(approver.postJson("/api/v1/campaigns/acc-a3/pause", Map.of("reason", "r")));
    assertForbidden(put(approver, "/api/v1/merchants/1900000001/callback"));
    assertForbidden(marketer.postJson("/api/v1/campaigns/acc-a3/approve", Map.of()));
    assertForbidden(ops.postJson("/api/v1/campaigns/acc-a3/reject", Map.of()));
  }

  @Test
  void healthAndTheWechatPayCallbackNeedNoToken() {
    Answer health = nobody.get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(nobody.get("/actuator/health/liveness").status()).isEqualTo(200);
    // The receiver's own checks answer (a missing signature), not the API's token check.
    Answer notification =
        nobody.post("/wechatpay/notifications/coupon", "application/json", "{}", Map.of());
    assertThat(notification.status()).isEqualTo(401);
    assertThat(notification.error()).isNotEqualTo("unauthorized");
  }

  @Test
  void theApiIsStatelessAndSetsNoCookie() {
    Answer a = marketer.get("/api/v1/campaigns");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.headers().allValues("Set-Cookie")).isEmpty();
  }

  private void start(String id) {
    assertThat(marketer.postJson("/api/v1/campaigns", Specs.farAhead(id, now())).status())
        .isEqualTo(201);
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private static Answer put(ApiClient client, String path) {
    return client.send(
        HttpRequest.newBuilder(client.uri(path))
            .header("Content-Type", "application/json")
            .PUT(BodyPublishers.ofString("{\"notify_url\": \"https://evil.example/n\"}")));
  }

  private static String history(JsonNode status, String event) {
    return StreamSupport.stream(status.path("history").spliterator(), false)
        .filter(h -> event.equals(h.path("event").asText()))
        .map(h -> h.path("detail").asText())
        .reduce("", (a, b) -> a + " | " + b);
  }

  static void assertUnauthorized(Answer a, boolean invalidToken) {
    assertThat(a.status()).as(a.text()).isEqualTo(401);
    assertThat(a.error()).isEqualTo("unauthorized");
    assertThat(a.json().path("message").asText()).isNotBlank();
    String challenge = a.headers().firstValue("WWW-Authenticate").orElse("");
    assertThat(challenge).startsWith("Bearer");
    if (invalidToken) {
      assertThat(challenge).contains("invalid_token");
    }
  }

  static void assertForbidden(Answer a) {
    assertThat(a.status()).as(a.text()).isEqualTo(403);
    assertThat(a.error()).isEqualTo("forbidden");
    assertThat(a.json().path("message").asText()).isNotBlank();
  }
}
