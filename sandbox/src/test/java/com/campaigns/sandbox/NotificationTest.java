package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.CERT_MCHID;
import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSANotificationConfig;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redemption → signed, encrypted COUPON.USE → verified and decrypted by the SDK's
 * NotificationParser.
 */
class NotificationTest {

  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture =
        SandboxFixture.start(
            SandboxOptions.builder()
                .property("sandbox.notify.allow-http-loopback", "true")
                .property("sandbox.notify.retry-interval", "100ms")
                .property("sandbox.notify.timeout", "2s"));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static void setCallback(String mchid, String url) {
    SetCallbackRequest request = new SetCallbackRequest();
    request.setMchid(mchid);
    request.setNotifyUrl(url);
    fixture.coupons(mchid).setCallback(request);
  }

  private static String redeemOne(String mchid, String stockId) {
    JsonNode result =
        fixture.admin("POST", "/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 1));
    return result.at("/coupon_ids/0").asText();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }

  private static Map<String, Object> parse(
      NotificationConfig config, NotificationReceiver.Received received) {
    RequestParam param =
        new RequestParam.Builder()
            .serialNumber(received.headers().get("Wechatpay-Serial"))
            .nonce(received.headers().get("Wechatpay-Nonce"))
            .signature(received.headers().get("Wechatpay-Signature"))
            .timestamp(received.headers().get("Wechatpay-Timestamp"))
            .signType(received.headers().get("Wechatpay-Signature-Type"))
            .body(received.body())
            .build();
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = new NotificationParser(config).parse(param, Map.class);
    return payload;
  }

  private static NotificationConfig publicKeyConfig(String mchid) {
    SandboxMerchant m = fixture.sandbox.merchant(mchid);
    return new RSAPublicKeyNotificationConfig.Builder()
        .publicKey(m.wechatpayPublicKeyPem())
        .publicKeyId(m.wechatpayPublicKeyId())
        .apiV3Key(m.apiv3Key())
        .build();
  }

  @Test
  void deliversCouponUseThatTheSdkVerifiesAndDecrypts() throws Exception {
    try (NotificationReceiver receiver = new NotificationReceiver(() -> 204)) {
      setCallback(PUBLIC_KEY_MCHID, receiver.url());
      String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
      String couponId = fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      assertThat(redeemOne(PUBLIC_KEY_MCHID, stockId)).isEqualTo(couponId);
      await(() -> receiver.received.size() == 1);
      NotificationReceiver.Received received = receiver.received.get(0);
      assertThat(received.headers().get("Wechatpay-Serial"))
          .isEqualTo(fixture.sandbox.merchant(PUBLIC_KEY_MCHID).wechatpayPublicKeyId());
      assertThat(received.headers().get("Wechatpay-Signature-Type"))
          .isEqualTo("WECHATPAY2-SHA256-RSA2048");
      assertThat(received.headers().get("Request-ID")).isNotBlank();
      assertThat(received.headers().get("Content-Type")).startsWith("application/json");
      JsonNode envelope = fixture.json.readTree(received.body());
      assertThat(envelope.get("event_type").asText()).isEqualTo("COUPON.USE");
      assertThat(envelope.get("resource_type").asText()).isEqualTo("encrypt-resource");
      assertThat(envelope.get("summary").asText()).isEqualTo("用券成功");
      assertThat(envelope.at("/resource/original_type").asText()).isEqualTo("coupon");
      assertThat(envelope.at("/resource/associated_data").asText()).isEqualTo("coupon");
      assertThat(envelope.at("/resource/nonce").asText()).hasSize(12);

      Map<String, Object> payload = parse(publicKeyConfig(PUBLIC_KEY_MCHID), received);
      assertThat(payload)
          .containsEntry("coupon_id", couponId)
          .containsEntry("stock_id", stockId)
          .containsEntry("status", "USED")
          .containsEntry("stock_creator_mchid", PUBLIC_KEY_MCHID);
      @SuppressWarnings("unchecked")
      Map<String, Object> consume = (Map<String, Object>) payload.get("consume_information");
      assertThat(consume)
          .containsKeys("consume_time", "consume_mchid", "transaction_id", "goods_detail");
    }
  }

  @Test
  void certificateModeMerchantSignsWithPlatformCertificate() throws Exception {
    try (NotificationReceiver receiver = new NotificationReceiver(() -> 200)) {
      setCallback(CERT_MCHID, receiver.url());
      String stockId = fixture.runningStock(CERT_MCHID, r -> {});
      fixture.send(CERT_MCHID, stockId, SandboxFixture.unique("o"));
      redeemOne(CERT_MCHID, stockId);
      await(() -> receiver.received.size() == 1);
      SandboxMerchant m = fixture.sandbox.merchant(CERT_MCHID);
      NotificationConfig config =
          new RSANotificationConfig.Builder()
              .certificates(m.platformCertificatePem())
              .apiV3Key(m.apiv3Key())
              .build();
      assertThat(receiver.received.get(0).headers().get("Wechatpay-Serial"))
          .isEqualTo(m.platformCertificateSerial());
      assertThat(parse(config, receiver.received.get(0))).containsEntry("status", "USED");
    }
  }

  @Test
  void tamperedNotificationFailsVerification() throws Exception {
    try (NotificationReceiver receiver = new NotificationReceiver(() -> 204)) {
      setCallback(PUBLIC_KEY_MCHID, receiver.url());
      String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
      fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      redeemOne(PUBLIC_KEY_MCHID, stockId);
      await(() -> receiver.received.size() == 1);
      NotificationReceiver.Received original = receiver.received.get(0);
      NotificationReceiver.Received tampered =
          new NotificationReceiver.Received(
              original.headers(), original.body().replace("用券成功", "用券失败"));
      assertThatThrownBy(() -> parse(publicKeyConfig(PUBLIC_KEY_MCHID), tampered))
          .isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void retriesUntilTheMerchantAnswers200Or204() throws Exception {
    AtomicInteger answers = new AtomicInteger();
    // 500, then 202: a 2xx other than 200 and 204 is not a receipt for WeChat Pay either.
    try (NotificationReceiver receiver =
        new NotificationReceiver(
            () ->
                switch (answers.incrementAndGet()) {
                  case 1 -> 500;
                  case 2 -> 202;
                  default -> 204;
                })) {
      setCallback(PUBLIC_KEY_MCHID, receiver.url());
      String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
      String couponId = fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      redeemOne(PUBLIC_KEY_MCHID, stockId);
      await(() -> delivery(couponId).get("delivered").asBoolean());
      assertThat(delivery(couponId).get("attempts").asInt()).isEqualTo(3);
      assertThat(receiver.calls.get()).isEqualTo(3);
      // Every attempt carries the same event, freshly signed.
      assertThat(receiver.received)
          .extracting(r -> id(r.body()))
          .containsOnly(id(receiver.received.get(0).body()));
      assertThat(receiver.received)
          .extracting(r -> r.headers().get("Wechatpay-Nonce"))
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void redeliversDeliveredNotificationsAsFreshlySignedDuplicates() throws Exception {
    try (NotificationReceiver receiver = new NotificationReceiver(() -> 204)) {
      setCallback(PUBLIC_KEY_MCHID, receiver.url());
      String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
      String first = fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      String second = fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      fixture.admin("POST", "/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 2));
      await(
          () ->
              delivery(first).get("delivered").asBoolean()
                  && delivery(second).get("delivered").asBoolean());
      await(() -> receiver.received.size() == 2);
      String firstId = delivery(first).get("id").asText();
      String secondId = delivery(second).get("id").asText();

      // Newer first, then the older one: out of order, and both are duplicates of delivered events.
      JsonNode answer =
          fixture.admin(
              "POST",
              "/sandbox/notifications/redeliver",
              Map.of("ids", List.of(secondId, "EV-unknown", firstId)));
      assertThat(answer.get("redelivered"))
          .extracting(JsonNode::asText)
          .containsExactly(secondId, firstId);
      await(() -> receiver.received.size() == 4);
      assertThat(receiver.received.subList(2, 4))
          .extracting(r -> id(r.body()))
          .containsExactlyInAnyOrder(firstId, secondId);
      assertThat(delivery(first).get("attempts").asInt()).isEqualTo(2);
      // The same event and ciphertext, freshly signed: the SDK verifies and decrypts each copy.
      assertThat(receiver.received)
          .extracting(r -> r.headers().get("Wechatpay-Nonce"))
          .doesNotHaveDuplicates();
      for (NotificationReceiver.Received copy : receiver.received.subList(2, 4)) {
        assertThat(parse(publicKeyConfig(PUBLIC_KEY_MCHID), copy)).containsEntry("status", "USED");
      }
    }
  }

  @Test
  void redeliveriesWhileTheCallbackFailsDoNotUseUpTheRetrySchedule() throws Exception {
    // The callback is down for its first 12 calls: the first attempt, then 8 redeliveries that
    // arrive while it is down, then the schedule's retries. WeChat Pay's own schedule (9 attempts)
    // must still deliver: before, each redelivery counted as an attempt and started a second chain,
    // so the event was given up after 9 calls in all although the callback came back.
    AtomicInteger answers = new AtomicInteger();
    try (NotificationReceiver receiver =
        new NotificationReceiver(() -> answers.incrementAndGet() <= 12 ? 503 : 204)) {
      setCallback(PUBLIC_KEY_MCHID, receiver.url());
      String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
      String couponId = fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      redeemOne(PUBLIC_KEY_MCHID, stockId);
      await(() -> receiver.calls.get() >= 1);
      String id = delivery(couponId).get("id").asText();
      fixture.admin(
          "POST",
          "/sandbox/notifications/redeliver",
          Map.of("ids", java.util.Collections.nCopies(8, id)));
      await(() -> delivery(couponId).get("delivered").asBoolean());
      assertThat(delivery(couponId).get("gave_up").asBoolean()).isFalse();
      // 13 calls until it is delivered (the 12 refused, then one that succeeds), up to 4 more if
      // redeliveries were still on their way.
      assertThat(receiver.calls.get()).isBetween(13, 17);
    }
  }

  @Test
  void givesUpAfterNineAttempts() throws Exception {
    try (NotificationReceiver receiver = new NotificationReceiver(() -> 503)) {
      setCallback(PUBLIC_KEY_MCHID, receiver.url());
      String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
      String couponId = fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      redeemOne(PUBLIC_KEY_MCHID, stockId);
      // gave_up is set once the sandbox schedules no further attempt: the counts below are final.
      await(() -> delivery(couponId).get("gave_up").asBoolean());
      assertThat(delivery(couponId).get("attempts").asInt()).isEqualTo(9);
      assertThat(receiver.calls.get()).isEqualTo(9);
      assertThat(delivery(couponId).get("delivered").asBoolean()).isFalse();
      assertThat(delivery(couponId).get("last_status").asInt()).isEqualTo(503);
    }
  }

  @Test
  void redeemsListedCouponsWithGivenTransactionAmount() throws Exception {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    String second = fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    JsonNode result =
        fixture.admin(
            "POST",
            "/sandbox/stocks/" + stockId + "/redeem",
            Map.of("coupon_ids", List.of(second), "transaction_amount", 2_000));
    assertThat(result.get("count").asInt()).isEqualTo(1);
    JsonNode issued = fixture.admin("GET", "/sandbox/stocks/" + stockId + "/coupons", null);
    assertThat(issued.at("/data/0/status").asText()).isEqualTo("SENDED");
    assertThat(issued.at("/data/1/status").asText()).isEqualTo("USED");
  }

  @Test
  void setCallbackRejectsHttpUrlAsWechatDoes() {
    try (SandboxFixture strict = SandboxFixture.start()) {
      SetCallbackRequest request = new SetCallbackRequest();
      request.setMchid(PUBLIC_KEY_MCHID);
      request.setNotifyUrl("http://127.0.0.1:9/notify");
      assertThatThrownBy(() -> strict.coupons(PUBLIC_KEY_MCHID).setCallback(request))
          .isInstanceOfSatisfying(
              ServiceException.class,
              e -> {
                assertThat(e.getHttpStatusCode()).isEqualTo(500);
                assertThat(e.getErrorCode()).isEqualTo("SYSTEM_ERROR");
                assertThat(e.getErrorMessage()).isEqualTo("系统繁忙");
              });
    }
  }

  @Test
  void setCallbackRejectsUrlWithQueryString() {
    SetCallbackRequest request = new SetCallbackRequest();
    request.setMchid(PUBLIC_KEY_MCHID);
    request.setNotifyUrl("https://merchant.example.com/notify?x=1");
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).setCallback(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("SYSTEM_ERROR"));
  }

  @Test
  void setCallbackRejectsAnotherMerchantsMchid() {
    SetCallbackRequest request = new SetCallbackRequest();
    request.setMchid(CERT_MCHID);
    request.setNotifyUrl("https://merchant.example.com/notify");
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).setCallback(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(403));
  }

  @Test
  void queryCallbackReturnsWhatWasSet() {
    setCallback(PUBLIC_KEY_MCHID, "https://merchant.example.com/coupon");
    var query = new com.wechat.pay.java.service.cashcoupons.model.QueryCallbackRequest();
    query.setMchid(PUBLIC_KEY_MCHID);
    var callback = fixture.coupons(PUBLIC_KEY_MCHID).queryCallback(query);
    assertThat(callback.getNotifyUrl()).isEqualTo("https://merchant.example.com/coupon");
    assertThat(callback.getMchid()).isEqualTo(PUBLIC_KEY_MCHID);
  }

  private static JsonNode delivery(String couponId) {
    for (JsonNode d : fixture.admin("GET", "/sandbox/notifications", null)) {
      if (d.get("coupon_id").asText().equals(couponId)) {
        return d;
      }
    }
    return fixture
        .json
        .createObjectNode()
        .put("attempts", 0)
        .put("delivered", false)
        .put("gave_up", false);
  }

  private static String id(String body) {
    try {
      return fixture.json.readTree(body).get("id").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
