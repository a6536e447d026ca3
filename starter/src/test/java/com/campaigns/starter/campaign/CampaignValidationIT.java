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

/**
 * {@code POST /api/v1/campaigns/validate}: the plan for a good spec, every problem for a bad one.
 */
@StackTest
class CampaignValidationIT {

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
    assertThat(fields(a))
        .contains(
            "stock.stock_name",
            "stock.coupon_amount",
            "stock.no_cash",
            "waves[0].rate_per_second",
            "appid");
    assertThat(a.json().path("violations").get(0).path("message").asText()).isNotBlank();
  }

  @Test
  void unknownFieldsAtAnyDepthAreEachNamed() {
    ObjectNode spec = Specs.farAhead("unknown-1", now);
    spec.put("colour", "red");
    ((ObjectNode) spec.path("stock")).put("coupon_value", 500);
    ((ObjectNode) spec.path("waves").get(0).path("audience")).put("segment", "gold");

    Answer a = api.postJson("/api/v1/campaigns/validate", spec);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_spec");
    assertThat(fields(a))
        .containsExactlyInAnyOrder("colour", "stock.coupon_value", "waves[0].audience.segment");
    assertThat(a.json().path("violations").get(0).path("message").asText())
        .isEqualTo("unknown field");
  }

  @Test
  void valuesOfTheWrongTypeAreEachNamedAndNeverCoerced() {
    ObjectNode spec = Specs.farAhead("types-1", now);
    ((ObjectNode) spec.path("stock")).put("coupon_amount", "500");
    ((ObjectNode) spec.path("stock")).put("no_cash", "no");
    ((ObjectNode) spec.path("stock")).put("max_coupons", 12.5);
    ((ObjectNode) spec.path("waves").get(0)).put("rate_per_second", 99_999_999_999L);
    ((ObjectNode) spec.path("waves").get(0).path("audience")).putArray("openids").add(7);
    spec.put("budget_guard", "none");

    Answer a = api.postJson("/api/v1/campaigns/validate", spec);

    assertThat(a.status()).isEqualTo(400);
    assertThat(fields(a))
        .containsExactlyInAnyOrder(
            "stock.coupon_amount",
            "stock.no_cash",
            "stock.max_coupons",
            "waves[0].rate_per_second",
            "waves[0].audience.openids[0]",
            "budget_guard");
  }

  @Test
  void malformedJsonIsAViolationNamingWhereItBroke() {
    String body = "{\"campaign_id\": \"m-1\", \"stock\": {\"coupon_amount\": 500,}}";

    Answer a = api.post("/api/v1/campaigns/validate", "application/json", body, java.util.Map.of());

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_spec");
    assertThat(fields(a)).singleElement().asString().startsWith("stock");
    assertThat(a.json().path("violations").get(0).path("message").asText())
        .startsWith("malformed JSON")
        .contains("line 1");
  }

  @Test
  void emptyBodyOrAJsonArrayIsRejectedAsASpecProblem() {
    Answer empty =
        api.post("/api/v1/campaigns/validate", "application/json", "", java.util.Map.of());
    Answer array =
        api.post("/api/v1/campaigns/validate", "application/json", "[]", java.util.Map.of());

    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.error()).isEqualTo("invalid_spec");
    assertThat(array.status()).isEqualTo(400);
    assertThat(fields(array)).containsExactly("");
  }

  @Test
  void unknownAudienceIdAndUnregisteredMerchantAreViolations() {
    ObjectNode spec = Specs.farAhead("refs-1", now);
    ((ObjectNode) spec.path("waves").get(0))
        .putObject("audience")
        .put("audience_id", "aud-0000000000000000");
    spec.put("mchid", "1999999999");

    Answer a = api.postJson("/api/v1/campaigns/validate", spec);

    assertThat(a.status()).isEqualTo(400);
    assertThat(fields(a)).contains("waves[0].audience.audience_id", "mchid");
  }

  static List<String> fields(Answer a) {
    List<String> out = new ArrayList<>();
    a.json().path("violations").forEach(v -> out.add(v.path("field").asText()));
    return out;
  }
}
