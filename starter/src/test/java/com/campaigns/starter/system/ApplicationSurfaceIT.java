package com.campaigns.starter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.StackTest;
import io.temporal.spring.boot.ActivityImpl;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** What every caller sees around the endpoints: error bodies, health, metrics, OpenAPI, wiring. */
@StackTest
class ApplicationSurfaceIT {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  ApiClient api;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
  }

  @Test
  void unknownPathsAnswerTheJsonErrorBodyNotAWhitelabelPage() {
    Answer a =
        api.send(
            HttpRequest.newBuilder(api.uri("/api/v1/nothing-here"))
                .header("Accept", "text/html")
                .GET());

    assertThat(a.status()).isEqualTo(404);
    assertThat(a.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(a.json().path("error").asText()).isEqualTo("not_found");
    assertThat(a.text()).doesNotContain("Whitelabel", "trace", "exception");
  }

  @Test
  void aWrongMethodAnswers405WithTheErrorBody() {
    Answer a = api.send(HttpRequest.newBuilder(api.uri("/api/v1/campaigns/x/pause")).DELETE());

    assertThat(a.status()).isEqualTo(405);
    assertThat(a.error()).isEqualTo("method_not_allowed");
  }

  @Test
  void unknownFieldsInSmallBodiesAreRefusedByName() {
    Answer a = api.postJson("/api/v1/campaigns/x/pause", Map.of("reason", "r", "urgency", "high"));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
    assertThat(a.json().path("message").asText()).isEqualTo("unknown field urgency");
  }

  @Test
  void malformedSmallBodiesAnswer400() {
    Answer a =
        api.post(
            "/api/v1/campaigns/x/waves/vip/reschedule",
            "application/json",
            "{\"start_at\":",
            Map.of());

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
    assertThat(a.text()).doesNotContain("com.fasterxml");
  }

  @Test
  void healthIsOpenAndInfoAndPrometheusAreExposedToOps() {
    Answer health = api.get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
    ApiClient ops = api.as(com.campaigns.starter.TestTokens.OPS);
    assertThat(ops.get("/actuator/info").status()).isEqualTo(200);
    Answer prometheus = ops.get("/actuator/prometheus");
    assertThat(prometheus.status()).isEqualTo(200);
    assertThat(prometheus.text()).contains("http_server_requests_seconds");
    assertThat(ops.get("/actuator/env").status()).isEqualTo(404);
  }

  @Test
  void openApiDocumentAndSwaggerUiAreServed() {
    Answer docs = api.get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().path("paths").has("/api/v1/campaigns")).isTrue();
    assertThat(docs.json().path("paths").has("/api/v1/campaigns/{id}/pause")).isTrue();
    assertThat(docs.json().path("paths").has("/api/v1/audiences")).isTrue();
    assertThat(docs.json().path("paths").has("/wechatpay/notifications/coupon")).isTrue();
    assertThat(
            docs.json()
                .path("components")
                .path("schemas")
                .path("CampaignSpec")
                .path("properties")
                .has("campaign_id"))
        .isTrue();
    assertThat(
            docs.json()
                .path("components")
                .path("schemas")
                .path("CampaignSummary")
                .path("properties")
                .has("campaign_id"))
        .isTrue();

    Answer ui = api.get("/swagger-ui.html");
    assertThat(ui.status()).isIn(200, 302);
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  @Test
  void theApplicationIsATemporalClientWithoutWorkersOrActivityBeans() {
    assertThat(context.containsBean("temporalWorkersTemplate")).isFalse();
    assertThat(context.getBeansWithAnnotation(ActivityImpl.class)).isEmpty();
    assertThat(
            java.util.Arrays.stream(context.getBeanDefinitionNames())
                .map(context::getType)
                .filter(java.util.Objects::nonNull)
                .map(Class::getName))
        .noneMatch(name -> name.startsWith("com.campaigns.sandbox."))
        .noneMatch(name -> name.endsWith("ActivitiesImpl"));
    assertThat(context.getBeansOfType(io.temporal.client.WorkflowClient.class)).hasSize(1);
  }
}
