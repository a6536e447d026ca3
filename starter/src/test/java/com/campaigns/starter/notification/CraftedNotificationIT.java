package com.campaigns.starter.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.CouponUses;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.StackTest;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.StatusRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The receiver against notifications made by the test's own fake WeChat Pay: every way one can be
 * wrong, and the ledger changes exactly when it should.
 */
@StackTest
class CraftedNotificationIT {

  static final String PATH = "/wechatpay/notifications/coupon";
  static final FakeWechatPay WECHAT = new FakeWechatPay("1900000099");
  static final AtomicInteger SEQ = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired WechatMerchants merchants;
  @Autowired CampaignIndex index;
  @Autowired CouponUses uses;
  @Autowired JdbcClient jdbc;
  ApiClient api;
  String stockId;
  String campaignId;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
    if (merchants.find(WECHAT.mchid).isEmpty()) {
      merchants.register(WECHAT.credentials());
    }
    int n = SEQ.incrementAndGet();
    campaignId = "crafted-" + n;
    stockId = "99000000" + n;
    // A campaign whose workflow does not exist: its usage signal must be dropped quietly.
    index.insert(
        campaignId, "campaign-" + campaignId, WECHAT.mchid, null, "h", "{}", 1_000_000, "test");
    index.update(
        new StatusRecord(
            campaignId, WECHAT.mchid, stockId, CampaignPhase.RUNNING, 0, 0, 0, 1_000_000, null));
  }

  private Answer deliver(String body, Map<String, String> headers) {
    return api.post(PATH, "application/json", body, headers);
  }

  private long rows() {
    return jdbc.sql("SELECT COUNT(*) FROM coupon_use").query(Long.class).single();
  }

  private String eventId() {
    return "EV-" + System.nanoTime();
  }

  @Test
  void aVerifiedCouponUseIsRecordedOnceWithItsCampaign() {
    String body = WECHAT.couponUse(eventId(), stockId, "c" + stockId + "1", 500);

    Answer a = deliver(body, WECHAT.headers(body));

    assertThat(a.status()).isEqualTo(204);
    CouponUses.Use use = uses.byCoupon("c" + stockId + "1").orElseThrow();
    assertThat(use.campaignId()).isEqualTo(campaignId);
    assertThat(use.amount()).isEqualTo(500);
    assertThat(use.transactionId()).isEqualTo("4200000000000000000000000001");
    assertThat(uses.totals(campaignId)).isEqualTo(new CouponUses.Totals(1, 500));
  }

  @Test
  void aUseVerifiedForOneMerchantOfAnotherMerchantsCampaignIsRefusedAndNotCounted() {
    String foreignStock = stockId + "7";
    String foreign = campaignId + "-other-merchant";
    index.insert(foreign, "campaign-" + foreign, "1900009999", null, "h", "{}", 1_000_000, "test");
    index.update(
        new StatusRecord(
            foreign, "1900009999", foreignStock, CampaignPhase.RUNNING, 0, 0, 0, 1_000_000, null));
    String body = WECHAT.couponUse(eventId(), foreignStock, "c" + foreignStock, 500);

    Answer a = deliver(body, WECHAT.headers(body));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).contains("merchant_mismatch");
    assertThat(uses.byCoupon("c" + foreignStock)).isEmpty();
    assertThat(uses.totals(foreign)).isEqualTo(new CouponUses.Totals(0, 0));
  }

  @Test
  void aReplayedNotificationIdAnswers204AndIsRecordedOnce() {
    String body = WECHAT.couponUse(eventId(), stockId, "c" + stockId + "2", 500);
    assertThat(deliver(body, WECHAT.headers(body)).status()).isEqualTo(204);
    long before = rows();

    Answer replay = deliver(body, WECHAT.headers(body));

    assertThat(replay.status()).isEqualTo(204);
    assertThat(rows()).isEqualTo(before);
    assertThat(uses.totals(campaignId)).isEqualTo(new CouponUses.Totals(1, 500));
  }

  @Test
  void aSecondNotificationForTheSameCouponIsRecordedOnce() {
    String coupon = "c" + stockId + "3";
    String first = WECHAT.couponUse(eventId(), stockId, coupon, 500);
    String second = WECHAT.couponUse(eventId(), stockId, coupon, 500);
    assertThat(deliver(first, WECHAT.headers(first)).status()).isEqualTo(204);

    assertThat(deliver(second, WECHAT.headers(second)).status()).isEqualTo(204);

    assertThat(uses.totals(campaignId)).isEqualTo(new CouponUses.Totals(1, 500));
  }

  @Test
  void aForgedSignatureAnswers401AndRecordsNothing() {
    String body = WECHAT.couponUse(eventId(), stockId, "c" + stockId + "4", 500);
    long before = rows();

    Answer a =
        deliver(
            body,
            WECHAT.headers(body, System.currentTimeMillis() / 1000, FakeWechatPay.otherKey()));

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.error()).isEqualTo("invalid_signature");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void aBodyChangedAfterSigningAnswers401() {
    String body = WECHAT.couponUse(eventId(), stockId, "c" + stockId + "5", 500);
    Map<String, String> headers = WECHAT.headers(body);
    long before = rows();

    Answer a = deliver(body.replace("用券成功", "used"), headers);

    assertThat(a.status()).isEqualTo(401);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void aStaleOrFutureTimestampAnswers401EvenWhenSigned() {
    String body = WECHAT.couponUse(eventId(), stockId, "c" + stockId + "6", 500);
    long now = System.currentTimeMillis() / 1000;
    long before = rows();

    Answer stale = deliver(body, WECHAT.headers(body, now - 6 * 60, WECHAT.platformKey()));
    Answer future = deliver(body, WECHAT.headers(body, now + 6 * 60, WECHAT.platformKey()));

    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.error()).isEqualTo("stale_timestamp");
    assertThat(future.status()).isEqualTo(401);
    assertThat(rows()).isEqualTo(before);
    assertThat(deliver(body, WECHAT.headers(body, now - 4 * 60, WECHAT.platformKey())).status())
        .isEqualTo(204);
  }

  @Test
  void missingSignatureHeadersOrAnUnknownSerialAnswer401() {
    String body = WECHAT.couponUse(eventId(), stockId, "c" + stockId + "7", 500);
    Map<String, String> noSignature = new HashMap<>(WECHAT.headers(body));
    noSignature.remove("Wechatpay-Signature");
    Map<String, String> otherSerial = new HashMap<>(WECHAT.headers(body));
    otherSerial.put("Wechatpay-Serial", "PUB_KEY_ID_UNKNOWN");
    long before = rows();

    assertThat(deliver(body, noSignature).status()).isEqualTo(401);
    assertThat(deliver(body, Map.of()).status()).isEqualTo(401);
    assertThat(deliver(body, otherSerial).status()).isEqualTo(401);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void aMalformedBodyAnswers400() {
    long before = rows();
    String notJson = "this is not json";
    String noResource = "{\"id\":\"" + eventId() + "\",\"event_type\":\"COUPON.USE\"}";

    Answer a = deliver(notJson, WECHAT.headers(notJson));
    Answer b = deliver(noResource, WECHAT.headers(noResource));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("malformed_notification");
    assertThat(b.status()).isEqualTo(400);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void aSignedButUndecryptableResourceAnswers400() {
    String wrongKey = "0123456789abcdef0123456789abcdef";
    String body =
        WECHAT.envelope(
            eventId(),
            "COUPON.USE",
            WECHAT.couponJson(stockId, "c" + stockId + "8", 500),
            wrongKey);
    long before = rows();

    Answer a = deliver(body, WECHAT.headers(body));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("malformed_notification");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void aSignedResourceWithoutCouponIdAnswers400() {
    String body =
        WECHAT.envelope(
            eventId(),
            "COUPON.USE",
            "{\"stock_id\":\"" + stockId + "\",\"status\":\"USED\"}",
            WECHAT.apiV3Key);
    long before = rows();

    assertThat(deliver(body, WECHAT.headers(body)).status()).isEqualTo(400);
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void aWrongContentTypeAnswers415() {
    String body = WECHAT.couponUse(eventId(), stockId, "c" + stockId + "9", 500);

    Answer a = api.post(PATH, "text/plain", body, WECHAT.headers(body));

    assertThat(a.status()).isEqualTo(415);
    assertThat(a.error()).isEqualTo("unsupported_media_type");
    assertThat(uses.byCoupon("c" + stockId + "9")).isEmpty();
  }

  @Test
  void anOversizedBodyAnswers413() {
    String body = "{\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";

    Answer a = deliver(body, WECHAT.headers(body));

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.error()).isEqualTo("payload_too_large");
  }

  @Test
  void anotherEventTypeIsAcknowledgedButNotRecorded() {
    String body =
        WECHAT.envelope(
            eventId(),
            "COUPON.SEND",
            WECHAT.couponJson(stockId, "c" + stockId + "10", 500),
            WECHAT.apiV3Key);
    long before = rows();

    assertThat(deliver(body, WECHAT.headers(body)).status()).isEqualTo(204);
    assertThat(rows()).isEqualTo(before);
  }
}
