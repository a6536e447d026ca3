package com.campaigns.starter.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.StackTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Property: whatever arrives at the COUPON.USE receiver that WeChat Pay did not sign (random
 * bodies, envelopes with random fields, random or missing signature headers, timestamps anywhere in
 * the range of a long, any content type, or a valid signature by a key no merchant has) is refused
 * with a 4xx and the SPEC's error body; never a 500, never a row in the ledger.
 */
@StackTest
class NotificationPropertyIT {

  static final String PATH = "/wechatpay/notifications/coupon";
  static final FakeWechatPay STRANGER = new FakeWechatPay("1900000777");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  record Delivery(String contentType, String body, Map<String, String> headers) {}

  static Gen<String> bodies() {
    Gen<String> text = strings().allPossible().ofLengthBetween(0, 300);
    Gen<String> jsonish =
        strings()
            .ascii()
            .ofLengthBetween(0, 40)
            .zip(
                strings().ascii().ofLengthBetween(0, 40),
                (id, type) ->
                    "{\"id\":\""
                        + id.replace("\"", "")
                        + "\",\"event_type\":\""
                        + type.replace("\"", "")
                        + "\",\"resource_type\":\"encrypt-resource\",\"resource\":{\"algorithm\":\"AEAD_AES_256_GCM\","
                        + "\"ciphertext\":\""
                        + id.replace("\"", "")
                        + "\",\"nonce\":\"n\",\"associated_data\":\"coupon\"},"
                        + "\"create_time\":\"2026-01-01T00:00:00+08:00\",\"summary\":\"x\"}");
    Gen<String> signedByAStranger =
        strings()
            .basicLatinAlphabet()
            .ofLengthBetween(1, 20)
            .map(id -> STRANGER.couponUse("evt-" + id, "9856000", "c-" + id, 500));
    return Generate.oneOf(text, jsonish, signedByAStranger);
  }

  static Gen<String> timestamps() {
    return Generate.oneOf(
        longs().all().map((Long l) -> String.valueOf(l)),
        longs()
            .between(-600, 600)
            .map((Long d) -> String.valueOf(System.currentTimeMillis() / 1000 + d)),
        strings().ascii().ofLengthBetween(0, 20));
  }

  static Gen<Delivery> deliveries() {
    Gen<String> types =
        Generate.pick(
            java.util.Arrays.asList(
                "application/json",
                "application/json; charset=utf-8",
                "text/plain",
                "application/*",
                "*/*",
                "application/x-www-form-urlencoded",
                "nonsense",
                null));
    Gen<Integer> present = integers().between(0, 31);
    Gen<String> tokenish = strings().ascii().ofLengthBetween(0, 60);
    return types.zip(
        bodies(),
        present,
        timestamps(),
        tokenish,
        (type, body, mask, ts, junk) -> {
          Map<String, String> h =
              new LinkedHashMap<>(
                  body.startsWith("{\"id\":\"evt-") ? STRANGER.headers(body) : Map.of());
          if ((mask & 1) != 0) {
            h.put("Wechatpay-Timestamp", ts.strip().isEmpty() ? "0" : ts.strip());
          }
          if ((mask & 2) != 0) {
            h.put("Wechatpay-Serial", junk.strip().isEmpty() ? "x" : junk.strip());
          }
          if ((mask & 4) != 0) {
            h.put(
                "Wechatpay-Signature",
                java.util.Base64.getEncoder().encodeToString(junk.getBytes()) + "=");
          }
          if ((mask & 8) != 0) {
            h.put("Wechatpay-Nonce", "n" + Math.abs(junk.hashCode()));
          }
          if ((mask & 16) != 0) {
            h.put("Wechatpay-Signature-Type", junk.strip().isEmpty() ? "x" : junk.strip());
          }
          h.replaceAll((k, v) -> v.replaceAll("[^\\x21-\\x7e]", "x"));
          return new Delivery(type, body, h);
        });
  }

  @Test
  void unsignedOrMalformedNotificationsGet4xxAndChangeNothing() {
    ApiClient api = ApiClient.on(port).anonymous();
    long before = uses();
    qt().withExamples(500)
        .withFixedSeed(20263)
        .forAll(deliveries())
        .checkAssert(
            d -> {
              Answer a = api.post(PATH, d.contentType(), d.body(), d.headers());
              assertThat(a.status()).as("%s → %s", d, a.text()).isIn(400, 401, 413, 415);
              assertThat(a.error()).as(a.text()).isNotBlank();
              assertThat(a.json().path("message").asText()).isNotBlank();
            });
    assertThat(uses()).isEqualTo(before);
  }

  @Test
  void bodiesOverTheLimitAre413WithoutBeingRead() {
    ApiClient api = ApiClient.on(port).anonymous();
    qt().withExamples(20)
        .withFixedSeed(20264)
        .forAll(integers().between(64 * 1024 + 1, 512 * 1024))
        .checkAssert(
            n -> {
              Answer a =
                  api.post(
                      PATH,
                      "application/json",
                      "{\"p\":\"" + "x".repeat(n) + "\"}",
                      STRANGER.headers("{}"));
              assertThat(a.status()).isEqualTo(413);
            });
  }

  private long uses() {
    return jdbc.sql("SELECT COUNT(*) FROM coupon_use").query(Long.class).single();
  }
}
