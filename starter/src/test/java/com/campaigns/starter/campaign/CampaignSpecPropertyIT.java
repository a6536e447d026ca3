package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.SandboxCalls;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Property: a valid spec with one field made invalid (a value of the wrong JSON type, a negative
 * amount or count, an unknown field) is refused by validate and by create with 400 invalid_spec and
 * a violation naming that field; never a 500, no campaign, no call to WeChat Pay.
 */
@StackTest
class CampaignSpecPropertyIT {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final List<String> NUMBER_FIELDS =
      List.of(
          "stock.coupon_amount",
          "stock.transaction_minimum",
          "stock.max_coupons",
          "stock.max_coupons_per_user",
          "waves[0].rate_per_second",
          "budget_guard.thresholds[0].percent");
  static final List<String> STRING_FIELDS =
      List.of(
          "campaign_id",
          "mchid",
          "appid",
          "stock.stock_name",
          "stock.available_begin_time",
          "stock.available_end_time",
          "waves[0].name",
          "waves[0].start_at",
          "budget_guard.thresholds[0].metric",
          "budget_guard.thresholds[0].resume");
  static final List<String> OBJECT_FIELDS =
      List.of("stock", "waves[0].audience", "budget_guard", "flows");

  /** One field of the sample spec and the invalid value it gets. */
  record Mutation(String field, JsonNode value) {
    @Override
    public String toString() {
      return field + " = " + value;
    }
  }

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  ApiClient api;
  final AtomicInteger seq = new AtomicInteger();

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
  }

  static Gen<Mutation> mutations() {
    Gen<JsonNode> notANumber =
        Generate.oneOf(
            strings()
                .basicLatinAlphabet()
                .ofLengthBetween(0, 12)
                .map(s -> (JsonNode) NODES.textNode(s)),
            Generate.booleans().map(b -> (JsonNode) NODES.booleanNode(b)),
            Generate.constant(() -> (JsonNode) NODES.objectNode()),
            Generate.constant(() -> (JsonNode) NODES.arrayNode()));
    Gen<JsonNode> negative =
        integers().between(Integer.MIN_VALUE, -1).map(i -> (JsonNode) NODES.numberNode(i));
    Gen<JsonNode> notAString =
        Generate.oneOf(
            integers().all().map(i -> (JsonNode) NODES.numberNode(i)),
            Generate.booleans().map(b -> (JsonNode) NODES.booleanNode(b)),
            Generate.constant(() -> (JsonNode) NODES.arrayNode()));
    Gen<JsonNode> notAnObject =
        Generate.oneOf(
            integers().all().map(i -> (JsonNode) NODES.numberNode(i)),
            strings()
                .basicLatinAlphabet()
                .ofLengthBetween(0, 8)
                .map(s -> (JsonNode) NODES.textNode(s)));
    Gen<Mutation> numbers =
        Generate.pick(NUMBER_FIELDS).zip(Generate.oneOf(notANumber, negative), Mutation::new);
    Gen<Mutation> texts = Generate.pick(STRING_FIELDS).zip(notAString, Mutation::new);
    Gen<Mutation> objects = Generate.pick(OBJECT_FIELDS).zip(notAnObject, Mutation::new);
    Gen<Mutation> unknown =
        strings()
            .betweenCodePoints('a', 'z')
            .ofLengthBetween(1, 10)
            .map(name -> new Mutation("stock.x_" + name, NODES.numberNode(1)));
    return Generate.oneOf(numbers, texts, objects, unknown);
  }

  @Test
  void anInvalidFieldIsNamedByValidateAndCreateAndNothingStarts() {
    long wechatCalls = SandboxCalls.of("create_stock");
    qt().withExamples(300)
        .withFixedSeed(20261)
        .forAll(mutations(), Generate.booleans())
        .checkAssert(
            (m, create) -> {
              String id = "pt-" + seq.incrementAndGet();
              ObjectNode spec = Specs.farAhead(id, Instant.ofEpochMilli(env.currentTimeMillis()));
              if (!m.field().equals("campaign_id")) {
                apply(spec, m.field(), m.value());
              } else {
                spec.set("campaign_id", m.value());
              }
              Answer a =
                  api.postJson(
                      create ? "/api/v1/campaigns" : "/api/v1/campaigns/validate", spec.toString());

              assertThat(a.status()).as("%s answered %s", m, a.text()).isEqualTo(400);
              assertThat(a.error()).isEqualTo("invalid_spec");
              List<String> fields = a.json().path("violations").findValuesAsText("field");
              assertThat(fields)
                  .as("%s → %s", m, a.text())
                  .anyMatch(f -> f.equals(m.field()) || f.startsWith(m.field()));
              if (create && !m.field().equals("campaign_id")) {
                assertThat(api.get("/api/v1/campaigns/" + id).status()).isEqualTo(404);
              }
            });
    assertThat(SandboxCalls.of("create_stock")).isEqualTo(wechatCalls);
  }

  @Test
  void arbitraryTextIsRefusedAs400NeverA500() {
    qt().withExamples(200)
        .withFixedSeed(20262)
        .forAll(strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(
            text -> {
              Answer a =
                  api.post(
                      "/api/v1/campaigns/validate", "application/json", text, java.util.Map.of());
              assertThat(a.status()).as("%s → %s", text, a.text()).isEqualTo(400);
              assertThat(a.error()).isIn("invalid_spec", "invalid_request");
            });
  }

  /** Sets a dotted path with [i] indexes, e.g. waves[0].audience, in the spec tree. */
  static void apply(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = step(node, parts[i]);
    }
    String last = parts[parts.length - 1];
    ((ObjectNode) node).set(last, value);
  }

  private static JsonNode step(JsonNode node, String part) {
    int bracket = part.indexOf('[');
    if (bracket < 0) {
      return node.path(part);
    }
    int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
    return node.path(part.substring(0, bracket)).get(index);
  }
}
