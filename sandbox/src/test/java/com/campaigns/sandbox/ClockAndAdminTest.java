package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The business clock, the admin API and the embedded handle. */
class ClockAndAdminTest {

  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void clockOffsetShiftsBusinessTime() {
    long before = fixture.businessNow().toEpochMilli();
    JsonNode clock = fixture.admin("PUT", "/sandbox/clock", Map.of("offset_seconds", 86_400));
    assertThat(clock.get("offset_seconds").asLong()).isEqualTo(86_400);
    assertThat(fixture.businessNow().toEpochMilli() - before).isBetween(86_400_000L, 86_500_000L);
    fixture.admin("PUT", "/sandbox/clock", Map.of("offset_seconds", 0));
    assertThat(fixture.admin("GET", "/sandbox/clock", null).get("offset_seconds").asLong())
        .isZero();
  }

  @Test
  void responseTimestampsStayOnRealTimeWhenClockIsShifted() {
    fixture.admin("PUT", "/sandbox/clock", Map.of("offset_seconds", 7 * 86_400));
    try {
      RawClient.Result result =
          fixture
              .raw(PUBLIC_KEY_MCHID)
              .call(
                  "GET",
                  "/v3/marketing/favor/stocks?offset=0&limit=1&stock_creator_mchid="
                      + PUBLIC_KEY_MCHID,
                  null)
              .execute();
      long timestamp = Long.parseLong(result.headers().get("Wechatpay-Timestamp"));
      assertThat(Math.abs(timestamp - System.currentTimeMillis() / 1000)).isLessThan(60);
      // ...so the SDK keeps accepting answers.
      assertThat(fixture.runningStock(PUBLIC_KEY_MCHID, r -> {})).isNotBlank();
    } finally {
      fixture.admin("PUT", "/sandbox/clock", Map.of("offset_seconds", 0));
    }
  }

  @Test
  void businessClockSupplierReplacesWallTime() {
    AtomicLong testTime = new AtomicLong(Duration.ofDays(20_000).toMillis());
    try (SandboxFixture custom =
        SandboxFixture.start(SandboxOptions.builder().businessClock(testTime::get))) {
      assertThat(custom.businessNow().toEpochMilli()).isEqualTo(testTime.get());
      String stockId =
          custom.runningStock(
              PUBLIC_KEY_MCHID,
              r ->
                  r.setAvailableEndTime(
                      SandboxFixture.rfc3339(custom.businessNow().plus(Duration.ofHours(1)))));
      testTime.addAndGet(Duration.ofHours(2).toMillis());
      var query = new com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest();
      query.setStockId(stockId);
      query.setStockCreatorMchid(PUBLIC_KEY_MCHID);
      assertThat(custom.coupons(PUBLIC_KEY_MCHID).queryStock(query).getStatus())
          .isEqualTo("stoped");
      // The admin offset still applies on top of the supplied time.
      custom.shiftClock(10);
      long offset = custom.admin("GET", "/sandbox/clock", null).get("offset_seconds").asLong();
      assertThat(offset).isGreaterThanOrEqualTo(10);
      assertThat(custom.businessNow().toEpochMilli()).isEqualTo(testTime.get() + offset * 1000);
    }
  }

  @Test
  void listsIssuedCouponsPageByPage() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    for (int i = 0; i < 5; i++) {
      fixture.send(PUBLIC_KEY_MCHID, stockId, "page-user-" + i);
    }
    JsonNode page =
        fixture.admin("GET", "/sandbox/stocks/" + stockId + "/coupons?offset=3&limit=10", null);
    assertThat(page.get("total_count").asInt()).isEqualTo(5);
    assertThat(page.get("data")).hasSize(2);
    JsonNode coupon = page.at("/data/0");
    assertThat(coupon.get("openid").asText()).isEqualTo("page-user-3");
    assertThat(coupon.get("status").asText()).isEqualTo("SENDED");
    assertThat(coupon.has("coupon_id")).isTrue();
    assertThat(coupon.has("out_request_no")).isTrue();
    assertThat(coupon.has("create_time")).isTrue();
  }

  @Test
  void statsCountCallsPerEndpointAndOutcome() {
    fixture.admin("DELETE", "/sandbox/stats", null);
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    try {
      fixture.send(PUBLIC_KEY_MCHID, stockId, "abnormal_x");
    } catch (com.wechat.pay.java.core.exception.ServiceException expected) {
      // counted below
    }
    JsonNode stats = fixture.admin("GET", "/sandbox/stats", null);
    assertThat(stats.at("/create_stock/outcomes/200").asInt()).isEqualTo(1);
    assertThat(stats.at("/send_coupon/total").asInt()).isEqualTo(2);
    assertThat(stats.at("/send_coupon/outcomes/403 USER_ACCOUNT_ABNORMAL").asInt()).isEqualTo(1);
  }

  @Test
  void unknownMerchantIsNotFoundInAdminApi() throws Exception {
    try (var response = fixture.adminCall("GET", "/sandbox/merchants/123", null)) {
      assertThat(response.code()).isEqualTo(404);
    }
  }

  @Test
  void twoSandboxesInOneJvmDoNotShareState() {
    long offset = fixture.admin("GET", "/sandbox/clock", null).get("offset_seconds").asLong();
    try (SandboxFixture other = SandboxFixture.start()) {
      assertThat(other.sandbox.port()).isNotEqualTo(fixture.sandbox.port());
      assertThat(other.sandbox.merchant(PUBLIC_KEY_MCHID).merchantPrivateKeyPem())
          .isNotEqualTo(fixture.sandbox.merchant(PUBLIC_KEY_MCHID).merchantPrivateKeyPem());
      other.admin("PUT", "/sandbox/clock", Map.of("offset_seconds", 3600));
      assertThat(fixture.admin("GET", "/sandbox/clock", null).get("offset_seconds").asLong())
          .isEqualTo(offset);
      String stockId = other.createStock(PUBLIC_KEY_MCHID, r -> {});
      var query = new com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest();
      query.setStockId(stockId);
      query.setStockCreatorMchid(PUBLIC_KEY_MCHID);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> fixture.coupons(PUBLIC_KEY_MCHID).queryStock(query))
          .isInstanceOf(com.wechat.pay.java.core.exception.ServiceException.class);
    }
  }

  @Test
  void keepsGeneratedCredentialsInDataDirAcrossRestarts(@TempDir Path dir) {
    String first;
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().dataDir(dir).build())) {
      first = sandbox.merchant(PUBLIC_KEY_MCHID).merchantPrivateKeyPem();
      assertThat(sandbox.baseUrl()).startsWith("http://127.0.0.1:");
    }
    assertThat(Files.exists(dir.resolve(PUBLIC_KEY_MCHID).resolve("credentials.json"))).isTrue();
    try (Sandbox again = Sandbox.start(SandboxOptions.builder().dataDir(dir).build())) {
      assertThat(again.merchant(PUBLIC_KEY_MCHID).merchantPrivateKeyPem()).isEqualTo(first);
      assertThat(again.merchant(SandboxFixture.CERT_MCHID).platformCertificateSerial()).isNotNull();
    }
  }
}
