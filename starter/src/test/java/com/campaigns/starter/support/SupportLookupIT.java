package com.campaigns.starter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.CouponUses;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.SandboxStocks;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestSandbox;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.StatusRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The support lookups against the embedded sandbox: a stock created and filled outside any campaign
 * (so each test knows exactly what WeChat Pay holds), ledger rows for part of its coupons, and
 * sandbox fault rules for WeChat Pay's failures.
 */
@StackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportLookupIT {

  static final String MCHID = "1900000001";
  static final String APPID = "wx0000000000000001";
  static final String CAMPAIGN = "support-camp";
  static final String OPENID = "support-user-1";

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WechatMerchants merchants;
  @Autowired CampaignIndex index;
  @Autowired IssuanceLedger issuance;
  @Autowired CouponUses uses;

  ApiClient api;
  ApiClient sandbox;
  MerchantClient merchant;
  String stockId;
  List<String> coupons;
  List<String> availableMerchants;

  @BeforeAll
  void stock() {
    api = ApiClient.on(port);
    sandbox = new ApiClient(TestSandbox.get().baseUrl());
    merchant = merchants.find(MCHID).orElseThrow();
    SandboxStocks.callback(
        merchant, "http://127.0.0.1:" + port + "/wechatpay/notifications/coupon");
    availableMerchants = new ArrayList<>(List.of(MCHID));
    IntStream.range(0, 59).forEach(i -> availableMerchants.add("19100" + String.format("%05d", i)));
    List<String> items = IntStream.range(0, 120).mapToObj(i -> "sku-" + i).toList();
    Instant begin = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(1));
    stockId = SandboxStocks.create(merchant, begin, 30, availableMerchants, items);
    index.insert(
        CAMPAIGN,
        "campaign-" + CAMPAIGN,
        MCHID,
        APPID,
        "h",
        "{\"waves\": [{\"name\": \"vip\"}, {\"name\": \"all\"}]}",
        500_000,
        "test");
    index.update(
        new StatusRecord(CAMPAIGN, MCHID, stockId, CampaignPhase.RUNNING, 0, 0, 0, 500_000, null));
    env.sleep(Duration.ofMinutes(2));
    SandboxStocks.start(merchant, stockId);
    coupons = SandboxStocks.send(merchant, stockId, OPENID, 25);
    // The campaign's ledger knows the first two coupons (wave "all"); the others came from
    // elsewhere.
    issuance.record(
        List.of(
            new IssuanceLedger.Outcome(
                CAMPAIGN,
                1,
                0,
                OPENID,
                "support-k0",
                stockId,
                IssuanceLedger.ISSUED,
                coupons.get(0),
                null,
                null,
                500),
            new IssuanceLedger.Outcome(
                CAMPAIGN,
                1,
                1,
                OPENID,
                "support-k1",
                stockId,
                IssuanceLedger.ISSUED,
                coupons.get(1),
                null,
                null,
                500)));
    sandbox.postJson(
        "/sandbox/stocks/" + stockId + "/redeem", Map.of("coupon_ids", List.of(coupons.get(0))));
    await().atMost(Duration.ofSeconds(20)).until(() -> uses.byCoupon(coupons.get(0)).isPresent());
  }

  @AfterEach
  void noFaults() {
    sandbox.send(HttpRequest.newBuilder(sandbox.uri("/sandbox/faults")).DELETE());
  }

  @Test
  void aUsersCouponsComeFromWechatPayJoinedWithTheLedger() {
    Answer a =
        api.get(
            "/api/v1/users/"
                + OPENID
                + "/coupons?mchid="
                + MCHID
                + "&appid="
                + APPID
                + "&stock_id="
                + stockId
                + "&limit=100");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("total_count").asLong()).isEqualTo(25);
    assertThat(a.json().path("data")).hasSize(25);
    JsonNode used = find(a.json().path("data"), coupons.get(0));
    assertThat(used.path("status").asText()).isEqualTo("USED");
    assertThat(used.path("stock_id").asText()).isEqualTo(stockId);
    assertThat(used.path("consume_information").path("transaction_id").asText()).isNotBlank();
    assertThat(used.path("issued_by").path("campaign_id").asText()).isEqualTo(CAMPAIGN);
    assertThat(used.path("issued_by").path("wave").asText()).isEqualTo("all");
    assertThat(used.path("issued_by").path("wave_index").asInt()).isEqualTo(1);
    assertThat(used.path("use_notification").path("notification_id").asText()).startsWith("EV-");
    assertThat(used.path("use_notification").path("amount").asLong()).isEqualTo(500);
    JsonNode issuedUnused = find(a.json().path("data"), coupons.get(1));
    assertThat(issuedUnused.path("status").asText()).isEqualTo("SENDED");
    assertThat(issuedUnused.path("issued_by").path("out_request_no").asText())
        .isEqualTo("support-k1");
    assertThat(issuedUnused.path("use_notification").isNull()).isTrue();
    JsonNode foreign = find(a.json().path("data"), coupons.get(5));
    assertThat(foreign.path("issued_by").isNull()).isTrue();
  }

  @Test
  void aUsersCouponsArePagedPastTheFirstPage() {
    String base =
        "/api/v1/users/"
            + OPENID
            + "/coupons?mchid="
            + MCHID
            + "&stock_id="
            + stockId
            + "&limit=10";
    List<String> seen = new ArrayList<>();
    for (int offset = 0; offset < 30; offset += 10) {
      Answer page = api.get(base + "&offset=" + offset);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.json().path("offset").asInt()).isEqualTo(offset);
      assertThat(page.json().path("limit").asInt()).isEqualTo(10);
      assertThat(page.json().path("total_count").asLong()).isEqualTo(25);
      page.json().path("data").forEach(c -> seen.add(c.path("coupon_id").asText()));
    }
    assertThat(seen).hasSize(25);
    assertThat(new HashSet<>(seen)).isEqualTo(new HashSet<>(coupons));
  }

  @Test
  void statusFiltersAndUnknownUsersAreWechatPaysAnswer() {
    Answer usable =
        api.get(
            "/api/v1/users/"
                + OPENID
                + "/coupons?mchid="
                + MCHID
                + "&stock_id="
                + stockId
                + "&status=SENDED&limit=100");
    assertThat(usable.json().path("total_count").asLong()).isEqualTo(24);

    Answer nobody = api.get("/api/v1/users/nobody-at-all/coupons?mchid=" + MCHID);
    assertThat(nobody.status()).isEqualTo(200);
    assertThat(nobody.json().path("total_count").asLong()).isZero();
    assertThat(nobody.json().path("data")).isEmpty();
  }

  @Test
  void oneCouponShowsItsConsumeInformationAndLedgerRows() {
    Answer a =
        api.get(
            "/api/v1/users/"
                + OPENID
                + "/coupons/"
                + coupons.get(0)
                + "?mchid="
                + MCHID
                + "&appid="
                + APPID);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("coupon_id").asText()).isEqualTo(coupons.get(0));
    assertThat(a.json().path("status").asText()).isEqualTo("USED");
    assertThat(a.json().path("consume_information").path("consume_mchid").asText())
        .isEqualTo(MCHID);
    assertThat(a.json().path("normal_coupon_information").path("coupon_amount").asLong())
        .isEqualTo(500);
    assertThat(a.json().path("issued_by").path("campaign_id").asText()).isEqualTo(CAMPAIGN);
    assertThat(a.json().path("use_notification").path("transaction_id").asText())
        .isEqualTo(a.json().path("consume_information").path("transaction_id").asText());
  }

  @Test
  void anUnknownCouponOrAnotherUsersCouponIs404() {
    Answer unknown = api.get("/api/v1/users/" + OPENID + "/coupons/99999999999?mchid=" + MCHID);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("not_found");
    assertThat(unknown.json().path("message").asText()).contains("RESOURCE_NOT_EXISTS");

    assertThat(
            api.get("/api/v1/users/someone-else/coupons/" + coupons.get(0) + "?mchid=" + MCHID)
                .status())
        .isEqualTo(404);
  }

  @Test
  void badParametersAreRefusedByNameBeforeAnyCall() {
    assertRefused(api.get("/api/v1/users/" + OPENID + "/coupons"), "mchid");
    assertRefused(
        api.get("/api/v1/users/" + OPENID + "/coupons?mchid=" + MCHID + "&offset=-1"), "offset");
    assertRefused(
        api.get("/api/v1/users/" + OPENID + "/coupons?mchid=" + MCHID + "&limit=101"), "limit");
    assertRefused(
        api.get("/api/v1/users/" + OPENID + "/coupons?mchid=" + MCHID + "&limit=ten"), "limit");
    assertRefused(
        api.get("/api/v1/users/" + OPENID + "/coupons?mchid=" + MCHID + "&status=LOST"), "status");
    assertRefused(
        api.get(
            "/api/v1/users/" + OPENID + "/coupons?mchid=" + MCHID + "&appid=wx0000000000000002"),
        "appid");
    assertRefused(api.get("/api/v1/users/bad%20openid/coupons?mchid=" + MCHID), "openid");
    assertRefused(api.get("/api/v1/campaigns/" + CAMPAIGN + "/merchants?limit=51"), "limit");
    assertRefused(api.get("/api/v1/campaigns/" + CAMPAIGN + "/merchants?offset=1001"), "offset");
    assertRefused(api.get("/api/v1/campaigns/" + CAMPAIGN + "/items?limit=101"), "limit");
    assertRefused(api.get("/api/v1/campaigns/" + CAMPAIGN + "/items?offset=501"), "offset");
    assertThat(api.get("/api/v1/users/" + OPENID + "/coupons?mchid=1234567").status())
        .isEqualTo(404);
  }

  @Test
  void aCampaignsMerchantsAndItemsArePaged() {
    Answer first = api.get("/api/v1/campaigns/" + CAMPAIGN + "/merchants");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("total_count").asLong()).isEqualTo(60);
    assertThat(first.json().path("limit").asInt()).isEqualTo(50);
    assertThat(first.json().path("data")).hasSize(50);
    Answer second = api.get("/api/v1/campaigns/" + CAMPAIGN + "/merchants?offset=50&limit=50");
    assertThat(second.json().path("offset").asInt()).isEqualTo(50);
    List<String> all = new ArrayList<>();
    first.json().path("data").forEach(m -> all.add(m.asText()));
    second.json().path("data").forEach(m -> all.add(m.asText()));
    assertThat(all).isEqualTo(availableMerchants);

    Answer items = api.get("/api/v1/campaigns/" + CAMPAIGN + "/items?offset=100&limit=100");
    assertThat(items.status()).isEqualTo(200);
    assertThat(items.json().path("total_count").asLong()).isEqualTo(120);
    assertThat(items.json().path("data")).hasSize(20);
    assertThat(items.json().path("data").get(0).asText()).isEqualTo("sku-100");
    assertThat(items.json().path("stock_id").asText()).isEqualTo(stockId);
  }

  @Test
  void merchantsOfAnUnknownCampaignOrOneWithoutAStock() {
    assertThat(api.get("/api/v1/campaigns/no-such/merchants").status()).isEqualTo(404);
    index.insert(
        "support-nostock", "campaign-support-nostock", MCHID, APPID, "h", "{}", 1000, "test");
    Answer a = api.get("/api/v1/campaigns/support-nostock/items");
    assertThat(a.status()).isEqualTo(409);
    assertThat(a.error()).isEqualTo("stock_not_created");
  }

  @Test
  void throttlingIsPassedOnWithRetryAfter() {
    faults("{\"endpoint\": \"list_coupons\", \"throttle_rate\": 1.0, \"max_count\": 1}");

    Answer a = api.get("/api/v1/users/" + OPENID + "/coupons?mchid=" + MCHID);

    assertThat(a.status()).isEqualTo(429);
    assertThat(a.error()).isEqualTo("wechatpay_throttled");
    assertThat(a.headers().firstValue("Retry-After")).contains("1");
    assertThat(api.get("/api/v1/users/" + OPENID + "/coupons?mchid=" + MCHID).status())
        .isEqualTo(200);
  }

  @Test
  void wechatPayDownIs502WithoutAStackTrace() {
    faults(
        "{\"endpoint\": \"query_coupon\", \"error_rate\": 1.0, \"error_status\": 500, \"max_count\": 1}");
    Answer serverError =
        api.get("/api/v1/users/" + OPENID + "/coupons/" + coupons.get(0) + "?mchid=" + MCHID);
    assertThat(serverError.status()).isEqualTo(502);
    assertThat(serverError.error()).isEqualTo("wechatpay_unavailable");
    assertThat(serverError.json().path("message").asText()).contains("SYSTEM_ERROR");

    faults("{\"endpoint\": \"list_merchants\", \"drop_rate\": 1.0, \"max_count\": 1}");
    Answer dropped = api.get("/api/v1/campaigns/" + CAMPAIGN + "/merchants");
    assertThat(dropped.status()).isEqualTo(502);
    assertThat(dropped.error()).isEqualTo("wechatpay_unavailable");
    assertThat(dropped.text()).doesNotContain("Exception", "Authorization", "at com.");
  }

  @Test
  void wechatPaysParamErrorIs400WithItsMessage() {
    faults(
        "{\"endpoint\": \"list_items\", \"error_rate\": 1.0, \"error_status\": 400, \"error_code\": \"PARAM_ERROR\","
            + " \"error_message\": \"批次号不合法\", \"max_count\": 1}");

    Answer a = api.get("/api/v1/campaigns/" + CAMPAIGN + "/items");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("wechatpay_rejected");
    assertThat(a.json().path("message").asText()).contains("PARAM_ERROR", "批次号不合法");
  }

  @Test
  void theCallbackIsReadAndSetWithWechatPaysRules() {
    MerchantClient other = merchants.find("1900000002").orElseThrow();
    String path = "/api/v1/merchants/1900000002/callback";
    try {
      Answer set =
          put(
              path,
              "{\"notify_url\": \"https://campaigns.example.com/wechatpay/notifications/coupon\"}");
      assertThat(set.status()).isEqualTo(200);
      assertThat(set.json().path("notify_url").asText())
          .isEqualTo("https://campaigns.example.com/wechatpay/notifications/coupon");
      assertThat(set.json().path("update_time").asText()).isNotBlank();

      Answer read = api.get(path);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().path("mchid").asText()).isEqualTo("1900000002");
      assertThat(read.json().path("notify_url").asText())
          .isEqualTo("https://campaigns.example.com/wechatpay/notifications/coupon");

      assertRefused(
          put(path, "{\"notify_url\": \"http://campaigns.example.com/n\"}"), "notify_url");
      assertRefused(put(path, "{\"notify_url\": \"http://10.0.0.1:8080/n\"}"), "notify_url");
      assertRefused(
          put(path, "{\"notify_url\": \"https://campaigns.example.com/n?merchant=1\"}"),
          "notify_url");
      assertRefused(
          put(path, "{\"notify_url\": \"https://campaigns.example.com/" + "n".repeat(240) + "\"}"),
          "notify_url");
      assertRefused(put(path, "{}"), "notify_url");
      assertThat(api.get(path).json().path("notify_url").asText())
          .isEqualTo("https://campaigns.example.com/wechatpay/notifications/coupon");
      assertThat(
              put("/api/v1/merchants/1234567/callback", "{\"notify_url\": \"https://a.example/n\"}")
                  .status())
          .isEqualTo(404);
    } finally {
      SandboxStocks.callback(other, "http://127.0.0.1:" + port + "/wechatpay/notifications/coupon");
    }
  }

  @Test
  void httpOnLoopbackIsAcceptedOnlyWhenConfigured() {
    // The test stack accepts http on loopback, as the local profile does (its sandbox delivers
    // over http); production's default refuses it.
    MerchantCallbacks production =
        new MerchantCallbacks(
            null,
            new com.campaigns.starter.campaign.CampaignApiProperties(
                Duration.ofSeconds(30), false));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> production.checkNotifyUrl("http://127.0.0.1:8080/n"))
        .hasMessageContaining("notify_url");
    assertThat(production.checkNotifyUrl(" https://campaigns.example.com/n "))
        .isEqualTo("https://campaigns.example.com/n");
    MerchantCallbacks local =
        new MerchantCallbacks(
            null,
            new com.campaigns.starter.campaign.CampaignApiProperties(Duration.ofSeconds(30), true));
    assertThat(local.checkNotifyUrl("http://127.0.0.1:8080/wechatpay/notifications/coupon"))
        .isEqualTo("http://127.0.0.1:8080/wechatpay/notifications/coupon");
    assertThat(local.checkNotifyUrl("http://localhost:8080/n"))
        .isEqualTo("http://localhost:8080/n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> local.checkNotifyUrl("http://10.0.0.1/n"))
        .hasMessageContaining("notify_url");
  }

  /** A PUT as admin: setting a merchant's callback URL is an admin change. */
  private Answer put(String path, String body) {
    return api.as(com.campaigns.starter.TestTokens.ADMIN)
        .send(
            HttpRequest.newBuilder(api.uri(path))
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(body)));
  }

  private void faults(String rule) {
    Answer a =
        sandbox.send(
            HttpRequest.newBuilder(sandbox.uri("/sandbox/faults"))
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"seed\": 1, \"rules\": [" + rule + "]}")));
    assertThat(a.status()).isEqualTo(200);
  }

  private static void assertRefused(Answer a, String parameter) {
    assertThat(a.status()).as(a.text()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
    assertThat(a.json().path("message").asText()).startsWith(parameter + " ");
  }

  private static JsonNode find(JsonNode data, String couponId) {
    for (JsonNode c : data) {
      if (c.path("coupon_id").asText().equals(couponId)) {
        return c;
      }
    }
    throw new AssertionError("coupon " + couponId + " not listed");
  }
}
