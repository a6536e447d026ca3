package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /api/v1/campaigns/validate}: the plan for a good spec, every problem for a bad one. */
@StackTest
class CampaignValidationTest {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  ApiClient api;
  Instant now;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
    now = Instant.ofEpochMilli(env.currentTimeMillis());
  }

  @Test
  void validSpecAnswersThePlanWithAmountsInFenAndRecipientCounts() {
    Answer a = api.postJson("/api/v1/campaigns/validate", Specs.farAhead("plan-1", now));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("valid").asBoolean()).isTrue();
    JsonNode plan = a.json().path("plan");
    assertThat(plan.path("max_amount").asLong()).isEqualTo(500L * 10_000);
    assertThat(plan.path("waves").get(0).path("recipients").asLong()).isEqualTo(3);
    assertThat(plan.path("waves").get(0).path("rate_per_second").asInt()).isEqualTo(200);
    assertThat(plan.path("thresholds").get(0).path("amount").asLong()).isEqualTo(4_000_000);
  }

  @Test
  void invalidSpecListsEveryViolationWithItsFieldPath() {
    ObjectNode spec = Specs.farAhead("bad-1", now);
    ObjectNode stock = (ObjectNode) spec.path("stock");
    stock.put("stock_name", "a_name_with_underscores");
    stock.put("coupon_amount", 5);
    stock.remove("no_cash");
    ((ObjectNode) spec.path("waves").get(0)).put("rate_per_second", 900);
    spec.put("appid", "wx9999");

    Answer a = api.postJson("/api/v1/campaigns/validate", spec);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_spec");
    assertThat(fields(a)).contains("stock.stock_name", "stock.coupon_amount", "stock.no_cash",
        "waves[0].rate_per_second", "appid");
    assertThat(a.json().path("violations").get(0).path("message").asText()).isNotBlank();
  }

  static List<String> fields(Answer a) {
    List<String> out = new ArrayList<>();
    a.json().path("violations").forEach(v -> out.add(v.path("field").asText()));
    return out;
  }
}
