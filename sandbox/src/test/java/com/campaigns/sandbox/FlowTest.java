package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.CERT_MCHID;
import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.util.ShaUtil;
import com.wechat.pay.java.service.cashcoupons.model.RefundFlowRequest;
import com.wechat.pay.java.service.cashcoupons.model.RefundFlowResponse;
import com.wechat.pay.java.service.cashcoupons.model.StopStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.UseFlowRequest;
import com.wechat.pay.java.service.cashcoupons.model.UseFlowResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Use-flow and refund-flow files: availability, SHA-1, expiry, ownership. */
class FlowTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** A stock with two used coupons (one refunded), stopped now. */
  private static String endedStockWithUses() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    for (int i = 0; i < 3; i++) {
      fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    }
    fixture.admin(
        "POST",
        "/sandbox/stocks/" + stockId + "/redeem",
        Map.of("count", 2, "transaction_amount", 1234));
    fixture.admin("POST", "/sandbox/stocks/" + stockId + "/refund", Map.of("count", 1));
    StopStockRequest stop = new StopStockRequest();
    stop.setStockId(stockId);
    stop.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    fixture.coupons(PUBLIC_KEY_MCHID).stopStock(stop);
    return stockId;
  }

  private static void moveToNextDayTenAm() {
    Instant now = fixture.businessNow();
    Instant tenAm =
        LocalDate.ofInstant(now, SHANGHAI).plusDays(1).atTime(10, 0).atZone(SHANGHAI).toInstant();
    fixture.shiftClock(Duration.between(now, tenAm).toSeconds() + 1);
  }

  private static UseFlowResponse useFlow(String stockId) {
    UseFlowRequest request = new UseFlowRequest();
    request.setStockId(stockId);
    return fixture.coupons(PUBLIC_KEY_MCHID).useFlow(request);
  }

  private static byte[] download(String mchid, String url) throws Exception {
    try (InputStream in = fixture.httpClient(fixture.config(mchid)).download(url)) {
      return in.readAllBytes();
    }
  }

  @Test
  void useFlowIsNotReadyBeforeTenAmOnTheDayAfterTheStockEnds() {
    String stockId = endedStockWithUses();
    assertThatThrownBy(() -> useFlow(stockId))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(400);
              assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST");
            });
  }

  @Test
  void useFlowIsNotReadyWhileTheStockRuns() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    assertThatThrownBy(() -> useFlow(stockId))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST"));
  }

  @Test
  void downloadedUseFlowMatchesItsSha1AndLayout() throws Exception {
    String stockId = endedStockWithUses();
    moveToNextDayTenAm();
    UseFlowResponse flow = useFlow(stockId);
    assertThat(flow.getHashType()).isEqualTo("SHA1");
    assertThat(flow.getUrl())
        .startsWith("https://api.mch.weixin.qq.com/v3/billdownload/file?token=");
    byte[] bytes = download(PUBLIC_KEY_MCHID, flow.getUrl());
    assertThat(ShaUtil.getSha1HexString(new java.io.ByteArrayInputStream(bytes)))
        .isEqualToIgnoringCase(flow.getHashValue());
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r\n");
    assertThat(bytes[0]).isNotEqualTo((byte) 0xEF);
    assertThat(lines[0]).isEqualTo("批次id,优惠id,优惠类型,面额,订单总金额,交易类型,支付单号,消耗时间,消耗商户号,设备号,银行流水号,单品信息");
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).startsWith("`" + stockId + ",`").contains(",`5.00,`12.34,`支付,`4200");
  }

  @Test
  void downloadedRefundFlowHasRefundColumns() throws Exception {
    String stockId = endedStockWithUses();
    moveToNextDayTenAm();
    RefundFlowRequest request = new RefundFlowRequest();
    request.setStockId(stockId);
    RefundFlowResponse flow = fixture.coupons(PUBLIC_KEY_MCHID).refundFlow(request);
    byte[] bytes = download(PUBLIC_KEY_MCHID, flow.getUrl());
    assertThat(ShaUtil.getSha1HexString(new java.io.ByteArrayInputStream(bytes)))
        .isEqualToIgnoringCase(flow.getHashValue());
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r\n");
    assertThat(lines[0]).endsWith(",退款单号,退款时间,退款金额");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("`退款").endsWith(",`12.34");
  }

  @Test
  void stockWithoutUsesHasNoUseFlow() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    StopStockRequest stop = new StopStockRequest();
    stop.setStockId(stockId);
    stop.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    fixture.coupons(PUBLIC_KEY_MCHID).stopStock(stop);
    moveToNextDayTenAm();
    assertThatThrownBy(() -> useFlow(stockId))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(404);
              assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS");
            });
  }

  @Test
  void aStockSetToNeverPublishAnswersInvalidRequestDaysLater() {
    String stockId = endedStockWithUses();
    var set =
        fixture.admin("PUT", "/sandbox/stocks/" + stockId + "/flows", Map.of("ready", "never"));
    assertThat(set.get("ready").asText()).isEqualTo("never");
    moveToNextDayTenAm();
    fixture.shiftClock(Duration.ofDays(5).toSeconds());
    assertThatThrownBy(() -> useFlow(stockId))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(400);
              assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST");
            });
    fixture.admin("DELETE", "/sandbox/stocks/" + stockId + "/flows", null);
    assertThat(useFlow(stockId).getHashValue()).hasSize(40);
  }

  @Test
  void aStockAnsweredNotFoundBeforeItsFilesAreOutGetsThemLater() {
    String stockId = endedStockWithUses();
    fixture.admin(
        "PUT",
        "/sandbox/stocks/" + stockId + "/flows",
        Map.of("not_ready_answer", "not-found", "delay_seconds", 3600));
    moveToNextDayTenAm();
    // 10:00: 404 although two coupons of the stock were used.
    assertThatThrownBy(() -> useFlow(stockId))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(404);
              assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS");
            });
    fixture.shiftClock(3600);
    assertThat(useFlow(stockId).getHashValue()).hasSize(40);
    assertThat(fixture.admin("GET", "/sandbox/stocks/" + stockId + "/flows", null))
        .hasToString(
            "{\"ready\":\"next-day-10am\",\"delay_seconds\":3600,\"not_ready_answer\":\"not-found\"}");
  }

  @Test
  void flowSettingsOfAStockRefuseUnknownValuesNamingTheField() throws Exception {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    try (var response =
        fixture.adminCall(
            "PUT", "/sandbox/stocks/" + stockId + "/flows", Map.of("ready", "tomorrow"))) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("ready: unknown value tomorrow");
    }
  }

  @Test
  void stockEndedByItsWindowBecomesReadyTheNextDay() {
    String stockId =
        fixture.runningStock(
            PUBLIC_KEY_MCHID,
            r ->
                r.setAvailableEndTime(
                    SandboxFixture.rfc3339(fixture.businessNow().plus(Duration.ofMinutes(5)))));
    fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    fixture.admin("POST", "/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 1));
    fixture.shiftClock(301);
    moveToNextDayTenAm();
    assertThat(useFlow(stockId).getHashValue()).hasSize(40);
  }

  @Test
  void downloadUrlExpiresAfterThirtySeconds() {
    String stockId = endedStockWithUses();
    moveToNextDayTenAm();
    String url = useFlow(stockId).getUrl();
    fixture.shiftClock(31);
    assertThatThrownBy(() -> download(PUBLIC_KEY_MCHID, url))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(400));
  }

  @Test
  void downloadUrlServesOnlyTheMerchantThatAsked() {
    String stockId = endedStockWithUses();
    moveToNextDayTenAm();
    String url = useFlow(stockId).getUrl();
    assertThatThrownBy(() -> download(CERT_MCHID, url))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(403));
  }

  @Test
  void downloadIsAnsweredUnsigned() throws Exception {
    String stockId = endedStockWithUses();
    moveToNextDayTenAm();
    String url = useFlow(stockId).getUrl();
    String target = url.substring("https://api.mch.weixin.qq.com".length());
    RawClient.Result result = fixture.raw(PUBLIC_KEY_MCHID).call("GET", target, null).execute();
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.headers().get("Wechatpay-Signature")).isNull();
  }

  @Test
  void downloadNeedsASignedRequest() {
    String stockId = endedStockWithUses();
    moveToNextDayTenAm();
    String target = useFlow(stockId).getUrl().substring("https://api.mch.weixin.qq.com".length());
    RawClient.Call call = fixture.raw(PUBLIC_KEY_MCHID).call("GET", target, null);
    call.unsigned = true;
    assertThat(call.execute().status()).isEqualTo(401);
  }

  @Test
  void otherMerchantCannotAskForTheFlow() {
    String stockId = endedStockWithUses();
    moveToNextDayTenAm();
    UseFlowRequest request = new UseFlowRequest();
    request.setStockId(stockId);
    assertThatThrownBy(() -> fixture.coupons(CERT_MCHID).useFlow(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NO_AUTH"));
  }

  @Test
  void afterEndRuleMakesFlowReadyRightAfterTheStockEnds() throws Exception {
    try (SandboxFixture quick =
        SandboxFixture.start(
            SandboxOptions.builder()
                .property("sandbox.flow.ready", "after-end")
                .property("sandbox.flow.delay", "10s"))) {
      String stockId = quick.runningStock(PUBLIC_KEY_MCHID, r -> {});
      quick.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
      quick.admin("POST", "/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 1));
      StopStockRequest stop = new StopStockRequest();
      stop.setStockId(stockId);
      stop.setStockCreatorMchid(PUBLIC_KEY_MCHID);
      quick.coupons(PUBLIC_KEY_MCHID).stopStock(stop);
      UseFlowRequest request = new UseFlowRequest();
      request.setStockId(stockId);
      assertThatThrownBy(() -> quick.coupons(PUBLIC_KEY_MCHID).useFlow(request))
          .isInstanceOf(ServiceException.class);
      quick.shiftClock(11);
      assertThat(quick.coupons(PUBLIC_KEY_MCHID).useFlow(request).getUrl()).contains("token=");
    }
  }
}
