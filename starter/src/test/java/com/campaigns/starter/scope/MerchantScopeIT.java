package com.campaigns.starter.scope;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.ConsoleSession;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import com.campaigns.wechatpay.WechatMerchants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A token limited to merchant {@value TestTokens#SCOPED_MCHID} (every person's role) against every
 * API and console endpoint: another merchant's campaign, callback or lookup answers exactly as one
 * that does not exist (404), while the same call on its own merchant passes the scope. The table
 * must name every mapped {@code /api} and {@code /console} endpoint, so a new endpoint without a
 * row fails here until someone decides how it is scoped.
 */
@StackTest
class MerchantScopeIT {

  static final String THEIRS_MCHID = "1900000001";

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WechatMerchants merchants;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  ApiClient marketer;
  ApiClient scoped;

  /** How the scope applies to an endpoint, and the call that shows it. */
  enum Kind {
    /** {id} is a campaign: another merchant's answers 404 "no campaign <id>". */
    CAMPAIGN,
    /** {mchid} or ?mchid=: another merchant answers 404 as an unconfigured one. */
    MERCHANT,
    /** A list: another merchant's entries are left out. */
    LIST,
    /** A start or validation: another merchant is refused as an unconfigured one. */
    START,
    /** Not merchant data (why is in the row). */
    EXEMPT
  }

  record Row(String method, String pattern, Kind kind, String why) {}

  static final List<Row> TABLE =
      List.of(
          new Row("GET", "/api/v1/campaigns", Kind.LIST, null),
          new Row("POST", "/api/v1/campaigns", Kind.START, null),
          new Row("POST", "/api/v1/campaigns/validate", Kind.START, null),
          new Row("GET", "/api/v1/campaigns/{id}", Kind.CAMPAIGN, null),
          new Row("POST", "/api/v1/campaigns/{id}/pause", Kind.CAMPAIGN, null),
          new Row("POST", "/api/v1/campaigns/{id}/resume", Kind.CAMPAIGN, null),
          new Row("POST", "/api/v1/campaigns/{id}/cancel", Kind.CAMPAIGN, null),
          new Row("POST", "/api/v1/campaigns/{id}/tidy-up", Kind.CAMPAIGN, null),
          new Row("POST", "/api/v1/campaigns/{id}/approve", Kind.CAMPAIGN, null),
          new Row("POST", "/api/v1/campaigns/{id}/reject", Kind.CAMPAIGN, null),
          new Row("POST", "/api/v1/campaigns/{id}/waves/{wave}/reschedule", Kind.CAMPAIGN, null),
          new Row("GET", "/api/v1/campaigns/{id}/report", Kind.CAMPAIGN, null),
          new Row("GET", "/api/v1/campaigns/{id}/report.csv", Kind.CAMPAIGN, null),
          new Row("GET", "/api/v1/campaigns/{id}/timeline", Kind.CAMPAIGN, null),
          new Row("GET", "/api/v1/campaigns/{id}/merchants", Kind.CAMPAIGN, null),
          new Row("GET", "/api/v1/campaigns/{id}/items", Kind.CAMPAIGN, null),
          new Row("GET", "/api/v1/merchants", Kind.LIST, null),
          new Row("GET", "/api/v1/merchants/{mchid}/callback", Kind.MERCHANT, null),
          new Row("PUT", "/api/v1/merchants/{mchid}/callback", Kind.MERCHANT, null),
          new Row("GET", "/api/v1/users/{openid}/coupons", Kind.MERCHANT, null),
          new Row("GET", "/api/v1/users/{openid}/coupons/{couponId}", Kind.MERCHANT, null),
          new Row(
              "POST",
              "/api/v1/audiences",
              Kind.EXEMPT,
              "an audience is a list of openids of no merchant; a campaign using it is scoped"),
          new Row(
              "GET",
              "/api/v1/audiences/{id}",
              Kind.EXEMPT,
              "its id is the SHA-256 of its content and it answers only a count"),
          new Row("GET", "/console/campaigns", Kind.LIST, null),
          new Row("GET", "/console/campaigns/rows", Kind.LIST, null),
          new Row("POST", "/console/campaigns/validate", Kind.START, null),
          new Row("POST", "/console/campaigns/start", Kind.START, null),
          new Row("GET", "/console/campaigns/{id}", Kind.CAMPAIGN, null),
          new Row("GET", "/console/campaigns/{id}/live", Kind.CAMPAIGN, null),
          new Row("GET", "/console/campaigns/{id}/timeline", Kind.CAMPAIGN, null),
          new Row("POST", "/console/campaigns/{id}/{stop:pause|cancel}", Kind.CAMPAIGN, null),
          new Row("POST", "/console/campaigns/{id}/resume", Kind.CAMPAIGN, null),
          new Row("POST", "/console/campaigns/{id}/{decision:approve|reject}", Kind.CAMPAIGN, null),
          new Row(
              "GET",
              "/console/campaigns/new",
              Kind.EXEMPT,
              "a form; its sample spec names the first merchant the token sees (asserted below)"),
          new Row("POST", "/console/audiences", Kind.EXEMPT, "as POST /api/v1/audiences"),
          new Row("GET", "/console", Kind.EXEMPT, "a redirect to the list"),
          new Row("GET", "/console/", Kind.EXEMPT, "a redirect to the list"),
          new Row("GET", "/console/login", Kind.EXEMPT, "the sign-in page"));

  @BeforeEach
  void setUp() {
    marketer = ApiClient.on(port);
    scoped = marketer.as(TestTokens.SCOPED);
  }

  @Test
  void theTableNamesEveryApiAndConsoleEndpoint() {
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/") && !pattern.startsWith("/console")) {
          continue;
        }
        Set<String> methods = new TreeSet<>();
        info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
        if (methods.isEmpty()) {
          methods.add("GET");
        }
        methods.forEach(m -> mapped.add(m + " " + pattern));
      }
    }
    Set<String> named = new TreeSet<>();
    TABLE.forEach(r -> named.add(r.method() + " " + r.pattern()));
    assertThat(named).containsExactlyInAnyOrderElementsOf(mapped);
  }

  @Test
  void anotherMerchantsCampaignIsNotFoundOnEveryCampaignEndpointAndItsOwnIsServed()
      throws Exception {
    String theirs = "scope-theirs";
    String ours = "scope-ours";
    assertThat(marketer.postJson("/api/v1/campaigns", Specs.farAhead(theirs, now())).status())
        .isEqualTo(201);
    assertThat(scoped.postJson("/api/v1/campaigns", ours(ours)).status()).isEqualTo(201);
    ConsoleSession console = ConsoleSession.signIn(port, TestTokens.SCOPED);

    List<String> checked = new ArrayList<>();
    for (Row row : TABLE) {
      if (row.kind() != Kind.CAMPAIGN) {
        continue;
      }
      String api =
          row.pattern()
              .replace("{stop:pause|cancel}", "pause")
              .replace("{decision:approve|reject}", "approve")
              .replace("{wave}", "vip");
      Answer hidden;
      Answer unknown;
      Answer own;
      if (api.startsWith("/console")) {
        hidden = console.send(row.method(), api.replace("{id}", theirs));
        unknown = console.send(row.method(), api.replace("{id}", "scope-nowhere"));
        own = console.send(row.method(), api.replace("{id}", ours));
        assertThat(hidden.text())
            .as(row.toString())
            .contains("no campaign " + theirs)
            .doesNotContain("1900000001");
      } else {
        String body =
            api.endsWith("/reschedule") ? "{\"start_at\": \"2030-01-01T10:00:00+08:00\"}" : "";
        hidden = call(scoped, row.method(), api.replace("{id}", theirs), body);
        unknown = call(scoped, row.method(), api.replace("{id}", "scope-nowhere"), body);
        own = call(scoped, row.method(), api.replace("{id}", ours), body);
        assertThat(hidden.json().path("message").asText())
            .as(row.toString())
            .isEqualTo("no campaign " + theirs);
        assertThat(hidden.error()).isEqualTo(unknown.error());
      }
      assertThat(hidden.status()).as(row.toString()).isEqualTo(404);
      assertThat(unknown.status()).as(row.toString()).isEqualTo(404);
      assertThat(own.status()).as(row + " on its own merchant").isNotEqualTo(404);
      checked.add(row.pattern());
    }
    assertThat(checked).hasSize(19);
    // Nothing the scoped calls above did reached the other merchant's campaign.
    JsonNode status = marketer.get("/api/v1/campaigns/" + theirs).json();
    assertThat(status.path("status").asText()).isEqualTo("SCHEDULED");
  }

  @Test
  void listsShowOnlyTheTokensMerchants() throws Exception {
    String theirs = "scope-list-theirs";
    String ours = "scope-list-ours";
    assertThat(marketer.postJson("/api/v1/campaigns", Specs.farAhead(theirs, now())).status())
        .isEqualTo(201);
    assertThat(scoped.postJson("/api/v1/campaigns", ours(ours)).status()).isEqualTo(201);

    List<String> listed = ids(scoped.get("/api/v1/campaigns?limit=500").json());
    assertThat(listed).contains(ours).doesNotContain(theirs);
    assertThat(ids(marketer.get("/api/v1/campaigns?limit=500").json())).contains(ours, theirs);

    JsonNode listing = scoped.get("/api/v1/merchants").json();
    List<String> mchids =
        StreamSupport.stream(listing.path("merchants").spliterator(), false)
            .map(m -> m.path("mchid").asText())
            .toList();
    assertThat(mchids).containsExactly(TestTokens.SCOPED_MCHID);

    ConsoleSession console = ConsoleSession.signIn(port, TestTokens.SCOPED);
    for (String page : List.of("/console/campaigns", "/console/campaigns/rows")) {
      Answer html = console.send("GET", page);
      assertThat(html.status()).isEqualTo(200);
      assertThat(html.text()).as(page).contains(ours).doesNotContain(theirs);
    }
    Answer form = console.send("GET", "/console/campaigns/new");
    assertThat(form.text()).contains(TestTokens.SCOPED_MCHID).doesNotContain(THEIRS_MCHID);
  }

  @Test
  void anotherMerchantIsRefusedAsAnUnconfiguredOneOnStartsCallbacksAndLookups() throws Exception {
    ObjectNode foreign = Specs.farAhead("scope-foreign", now());
    ObjectNode unconfigured = Specs.farAhead("scope-foreign", now()).put("mchid", "1900000099");
    for (String path : List.of("/api/v1/campaigns", "/api/v1/campaigns/validate")) {
      Answer refused = scoped.postJson(path, foreign);
      Answer unknown = scoped.postJson(path, unconfigured);
      assertThat(refused.status()).as(path).isEqualTo(400);
      assertThat(refused.text().replace(THEIRS_MCHID, "X"))
          .as(path)
          .isEqualTo(unknown.text().replace("1900000099", "X"));
    }
    assertThat(marketer.get("/api/v1/campaigns/scope-foreign").status()).isEqualTo(404);
    ConsoleSession console = ConsoleSession.signIn(port, TestTokens.SCOPED);
    for (String path : List.of("/console/campaigns/validate", "/console/campaigns/start")) {
      Answer refused = console.postForm(path, "spec", foreign.toString());
      assertThat(refused.text()).as(path).contains("mchid").contains(THEIRS_MCHID);
      Answer unknown = console.postForm(path, "spec", unconfigured.toString());
      assertThat(refused.text().replace(THEIRS_MCHID, "X"))
          .isEqualTo(unknown.text().replace("1900000099", "X"));
    }
    assertThat(marketer.get("/api/v1/campaigns/scope-foreign").status()).isEqualTo(404);

    List<String> merchantCalls =
        List.of(
            "GET /api/v1/merchants/{m}/callback",
            "PUT /api/v1/merchants/{m}/callback",
            "GET /api/v1/users/o1/coupons?mchid={m}&appid=wx0000000000000001",
            "GET /api/v1/users/o1/coupons/123?mchid={m}&appid=wx0000000000000001");
    for (String call : merchantCalls) {
      String method = call.substring(0, call.indexOf(' '));
      String path = call.substring(call.indexOf(' ') + 1);
      String body = "{\"notify_url\": \"https://example.com/n\"}";
      Answer hidden = call(scoped, method, path.replace("{m}", THEIRS_MCHID), body);
      Answer unknown = call(scoped, method, path.replace("{m}", "1900000099"), body);
      assertThat(hidden.status()).as(call).isEqualTo(404);
      assertThat(hidden.json().path("message").asText())
          .as(call)
          .isEqualTo(unknown.json().path("message").asText().replace("1900000099", THEIRS_MCHID));
      Answer own = call(scoped, method, path.replace("{m}", TestTokens.SCOPED_MCHID), "{}");
      assertThat(own.status()).as(call + " on its own merchant").isNotEqualTo(404);
    }
  }

  @Test
  void aScopedTokenReachesNeitherTheCodecNorTheActuatorThatSeeEveryMerchant() {
    assertThat(
            scoped
                .post("/codec/decode", "application/json", "{\"payloads\":[]}", java.util.Map.of())
                .status())
        .isEqualTo(403);
    assertThat(scoped.get("/actuator/prometheus").status()).isEqualTo(403);
    assertThat(scoped.get("/actuator/info").status()).isEqualTo(403);
    assertThat(scoped.get("/actuator/health").status()).isEqualTo(200);
    // The unscoped ops token still reaches both.
    ApiClient ops = marketer.as(TestTokens.OPS);
    assertThat(ops.get("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(
            ops.post("/codec/decode", "application/json", "{\"payloads\":[]}", java.util.Map.of())
                .status())
        .isEqualTo(200);
  }

  private ObjectNode ours(String id) {
    ObjectNode spec = Specs.farAhead(id, now());
    String appid =
        merchants.find(TestTokens.SCOPED_MCHID).orElseThrow().appids().stream()
            .sorted()
            .findFirst()
            .orElseThrow();
    spec.put("mchid", TestTokens.SCOPED_MCHID).put("appid", appid);
    spec.with("stock").putArray("available_merchants").add(TestTokens.SCOPED_MCHID);
    return spec;
  }

  private static Answer call(ApiClient client, String method, String path, String body) {
    HttpRequest.Builder r = HttpRequest.newBuilder(client.uri(path));
    if (method.equals("GET")) {
      return client.send(r.GET());
    }
    return client.send(
        r.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body)));
  }

  private static List<String> ids(JsonNode list) {
    return StreamSupport.stream(list.spliterator(), false)
        .map(c -> c.path("campaign_id").asText())
        .toList();
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }
}
