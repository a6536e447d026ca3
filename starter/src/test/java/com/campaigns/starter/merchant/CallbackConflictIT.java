package com.campaigns.starter.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.SandboxStocks;
import com.campaigns.starter.Specs;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Another system's COUPON.USE callback on a merchant: {@code GET /api/v1/merchants} shows the
 * conflict, a new campaign of the merchant pauses with CALLBACK_CONFLICT and leaves the URL alone,
 * and once an admin points the callback here and resume, the campaign creates its stock.
 */
@StackTest
class CallbackConflictIT {

  static final String MCHID = "1900000002";
  static final String THEIRS = "https://crm.example.com/wxpay/coupon/s3cret-token";

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment env;
  @Autowired WechatMerchants merchants;
  ApiClient api;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
  }

  String ours() {
    return "http://127.0.0.1:" + port + "/wechatpay/notifications/coupon";
  }

  JsonNode callbackOf(String mchid) {
    Answer a = api.get("/api/v1/merchants");
    assertThat(a.status()).isEqualTo(200);
    return MerchantEndpointIT.merchant(a.json(), mchid).path("callback");
  }

  @Test
  void theMerchantsListShowsWhoseTheCallbackIs() {
    MerchantClient merchant = merchants.find(MCHID).orElseThrow();
    try {
      SandboxStocks.callback(merchant, ours());
      JsonNode mine = callbackOf(MCHID);
      assertThat(mine.path("status").asText()).isEqualTo("OURS");
      assertThat(mine.path("ours").asText()).isEqualTo(ours());
      assertThat(mine.path("notify_url").asText()).isEqualTo(ours());
      assertThat(mine.path("owned").asBoolean()).isFalse();

      SandboxStocks.callback(merchant, THEIRS);
      JsonNode theirs = callbackOf(MCHID);
      assertThat(theirs.path("status").asText()).isEqualTo("CONFLICT");
      assertThat(theirs.path("notify_url").asText()).isEqualTo(THEIRS);
      assertThat(theirs.path("host").asText()).isEqualTo("crm.example.com");
      assertThat(theirs.path("ours").asText()).isEqualTo(ours());
      assertThat(theirs.path("owned").asBoolean()).isFalse();
      assertThat(theirs.path("message").isNull()).isTrue();
    } finally {
      SandboxStocks.callback(merchant, ours());
    }
  }

  @Test
  void aCampaignPausesOnAConflictAndGoesOnOnceOpsPointTheCallbackHereAndResume() {
    MerchantClient merchant = merchants.find(MCHID).orElseThrow();
    String id = "cb-conflict";
    try {
      SandboxStocks.callback(merchant, THEIRS);
      ObjectNode spec = Specs.farAhead(id, Instant.ofEpochMilli(env.currentTimeMillis()));
      spec.put("mchid", MCHID).put("appid", "wx0000000000000002");
      ((ObjectNode) spec.path("stock")).putArray("available_merchants").add(MCHID);
      assertThat(api.postJson("/api/v1/campaigns", spec).status()).isEqualTo(201);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "PAUSED"
                      .equals(api.get("/api/v1/campaigns/" + id).json().path("status").asText()));
      JsonNode paused = api.get("/api/v1/campaigns/" + id).json();
      assertThat(paused.path("pause").path("reason").asText()).isEqualTo("CALLBACK_CONFLICT");
      assertThat(paused.path("pause").path("detail").asText())
          .contains("crm.example.com")
          .doesNotContain("s3cret");
      assertThat(paused.path("stock_id").isNull()).isTrue();
      assertThat(callbackOf(MCHID).path("notify_url").asText()).as("left alone").isEqualTo(THEIRS);

      Answer still = api.postJson("/api/v1/campaigns/" + id + "/resume", "");
      assertThat(still.status()).isEqualTo(200);
      assertThat(still.json().path("status").asText()).isEqualTo("PAUSED");
      assertThat(still.json().path("pause").path("reason").asText()).isEqualTo("CALLBACK_CONFLICT");

      Answer set =
          api.as(TestTokens.ADMIN)
              .send(
                  HttpRequest.newBuilder(api.uri("/api/v1/merchants/" + MCHID + "/callback"))
                      .header("Content-Type", "application/json")
                      .PUT(BodyPublishers.ofString("{\"notify_url\": \"" + ours() + "\"}")));
      assertThat(set.status()).isEqualTo(200);
      assertThat(callbackOf(MCHID).path("status").asText()).isEqualTo("OURS");

      Answer resumed = api.postJson("/api/v1/campaigns/" + id + "/resume", "");
      assertThat(resumed.status()).isEqualTo(200);
      assertThat(resumed.json().path("status").asText()).isNotEqualTo("PAUSED");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !api.get("/api/v1/campaigns/" + id).json().path("stock_id").isNull());
      assertThat(api.postJson("/api/v1/campaigns/" + id + "/cancel", "").status()).isEqualTo(200);
    } finally {
      SandboxStocks.callback(merchant, ours());
    }
  }
}
