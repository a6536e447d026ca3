package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault kind, seen through the official SDK. */
class FaultInjectionTest {

  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @AfterEach
  void clearFaults() {
    fixture.admin("DELETE", "/sandbox/faults", null);
  }

  private static void faults(Long seed, Map<String, Object>... rules) {
    Map<String, Object> plan = new java.util.HashMap<>();
    plan.put("rules", List.of(rules));
    if (seed != null) {
      plan.put("seed", seed);
    }
    fixture.admin("PUT", "/sandbox/faults", plan);
  }

  @Test
  @SuppressWarnings("unchecked")
  void errorRuleAnswersConfiguredStatusCodeAndMessage() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    faults(
        1L,
        Map.of(
            "endpoint",
            "send_coupon",
            "error_rate",
            1.0,
            "error_status",
            503,
            "error_code",
            "SERVICE_UNAVAILABLE",
            "error_message",
            "服务不可用"));
    assertThatThrownBy(() -> fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o")))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(503);
              assertThat(e.getErrorCode()).isEqualTo("SERVICE_UNAVAILABLE");
              assertThat(e.getErrorMessage()).isEqualTo("服务不可用");
            });
    assertThat(
            fixture
                .admin("GET", "/sandbox/stocks/" + stockId + "/coupons", null)
                .get("total_count")
                .asInt())
        .isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void throttleRuleAnswers429() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    faults(1L, Map.of("endpoint", "send_coupon", "throttle_rate", 1.0));
    assertThatThrownBy(() -> fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o")))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(429);
              assertThat(e.getErrorCode()).isEqualTo("FREQUENCY_LIMITED");
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void latencyRuleDelaysTheAnswer() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    faults(1L, Map.of("endpoint", "send_coupon", "latency_ms", 400));
    long started = System.nanoTime();
    assertThat(fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"))).isNotBlank();
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);
  }

  @Test
  @SuppressWarnings("unchecked")
  void dropRuleCommitsTheSendButTheSdkThrowsHttpException() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    faults(1L, Map.of("endpoint", "send_coupon", "drop_rate", 1.0, "max_count", 1));
    // As the product should: no hidden OkHttp re-send, so the caller sees the failure and retries
    // itself.
    CashCouponsService api =
        new CashCouponsService.Builder()
            .httpClient(
                new DefaultHttpClientBuilder()
                    .config(fixture.config(PUBLIC_KEY_MCHID))
                    .okHttpClient(fixture.okHttp)
                    .disableRetryOnConnectionFailure()
                    .build())
            .build();
    SendCouponRequest request =
        fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    long started = System.nanoTime();
    assertThatThrownBy(() -> api.sendCoupon(request)).isInstanceOf(HttpException.class);
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    JsonNode issued = fixture.admin("GET", "/sandbox/stocks/" + stockId + "/coupons", null);
    assertThat(issued.get("total_count").asInt()).isEqualTo(1);
    // The retry with the same out_request_no finds the committed coupon.
    assertThat(api.sendCoupon(request).getCouponId())
        .isEqualTo(issued.at("/data/0/coupon_id").asText());
    assertThat(
            fixture
                .admin("GET", "/sandbox/stats", null)
                .at("/send_coupon/outcomes/200 DROPPED")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void commitErrorRuleIssuesTheCouponButAnswers500() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    faults(1L, Map.of("endpoint", "send_coupon", "commit_error_rate", 1.0, "max_count", 1));
    CashCouponsService api = fixture.coupons(PUBLIC_KEY_MCHID);
    SendCouponRequest request =
        fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    assertThatThrownBy(() -> api.sendCoupon(request))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(500);
              assertThat(e.getErrorCode()).isEqualTo("SYSTEM_ERROR");
            });
    JsonNode issued = fixture.admin("GET", "/sandbox/stocks/" + stockId + "/coupons", null);
    assertThat(issued.get("total_count").asInt()).as("the send took effect").isEqualTo(1);
    // The retry with the same out_request_no gets the coupon that was issued.
    assertThat(api.sendCoupon(request).getCouponId())
        .isEqualTo(issued.at("/data/0/coupon_id").asText());
  }

  @Test
  @SuppressWarnings("unchecked")
  void lateRuleIssuesTheCouponAfterTheClientGaveUp() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    faults(1L, Map.of("endpoint", "send_coupon", "late_ms", 1500, "max_count", 1));
    CashCouponsService impatient =
        new CashCouponsService.Builder()
            .httpClient(
                new DefaultHttpClientBuilder()
                    .config(fixture.config(PUBLIC_KEY_MCHID))
                    .okHttpClient(
                        fixture
                            .okHttp
                            .newBuilder()
                            .readTimeout(java.time.Duration.ofMillis(500))
                            .build())
                    .disableRetryOnConnectionFailure()
                    .build())
            .build();
    SendCouponRequest request =
        fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    assertThatThrownBy(() -> impatient.sendCoupon(request)).isInstanceOf(HttpException.class);
    // The call ran before the answer was held back: the coupon is there when the client gives up.
    JsonNode issued = fixture.admin("GET", "/sandbox/stocks/" + stockId + "/coupons", null);
    assertThat(issued.get("total_count").asInt()).isEqualTo(1);
    String couponId = issued.at("/data/0/coupon_id").asText();
    assertThat(fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request).getCouponId())
        .isEqualTo(couponId);
  }

  @Test
  @SuppressWarnings("unchecked")
  void maxCountRetiresTheRule() {
    String stockId =
        fixture.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxCouponsPerUser(5));
    faults(1L, Map.of("endpoint", "send_coupon", "error_rate", 1.0, "max_count", 2));
    int failures = 0;
    for (int i = 0; i < 4; i++) {
      try {
        fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      } catch (ServiceException e) {
        failures++;
      }
    }
    assertThat(failures).isEqualTo(2);
    assertThat(fixture.admin("GET", "/sandbox/faults", null).at("/rules/0/injected").asInt())
        .isEqualTo(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void sameSeedReplaysTheSameFaults() {
    String stockId =
        fixture.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxCoupons(100L));
    List<Boolean> first = new ArrayList<>();
    List<Boolean> second = new ArrayList<>();
    for (List<Boolean> outcomes : List.of(first, second)) {
      faults(42L, Map.of("endpoint", "query_stock", "error_rate", 0.5));
      for (int i = 0; i < 20; i++) {
        var q = new com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest();
        q.setStockId(stockId);
        q.setStockCreatorMchid(PUBLIC_KEY_MCHID);
        try {
          fixture.coupons(PUBLIC_KEY_MCHID).queryStock(q);
          outcomes.add(true);
        } catch (ServiceException e) {
          outcomes.add(false);
        }
      }
    }
    assertThat(first).isEqualTo(second).contains(true, false);
  }

  @Test
  @SuppressWarnings("unchecked")
  void wildcardRuleAppliesToEveryEndpoint() {
    faults(1L, Map.of("endpoint", "*", "error_rate", 1.0));
    var list = new com.wechat.pay.java.service.cashcoupons.model.ListStocksRequest();
    list.setOffset(0);
    list.setLimit(10);
    list.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).listStocks(list))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("SYSTEM_ERROR"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void deleteRemovesAllRules() {
    faults(1L, Map.of("endpoint", "*", "error_rate", 1.0));
    fixture.admin("DELETE", "/sandbox/faults", null);
    assertThat(fixture.runningStock(PUBLIC_KEY_MCHID, r -> {})).isNotBlank();
    assertThat(fixture.admin("GET", "/sandbox/faults", null).get("rules")).isEmpty();
  }

  @Test
  void rejectsRuleForUnknownEndpoint() throws Exception {
    try (var response =
        fixture.adminCall(
            "PUT",
            "/sandbox/faults",
            Map.of("rules", List.of(Map.of("endpoint", "nope", "error_rate", 1.0))))) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("unknown endpoint nope");
    }
  }
}
