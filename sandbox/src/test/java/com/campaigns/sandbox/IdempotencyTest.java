package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** out_request_no: the same request again returns the first result; a different one is refused. */
class IdempotencyTest {

  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static long distributed(String stockId) {
    QueryStockRequest q = new QueryStockRequest();
    q.setStockId(stockId);
    q.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    return fixture.coupons(PUBLIC_KEY_MCHID).queryStock(q).getDistributedCoupons();
  }

  @Test
  void repeatedSendReturnsSameCouponAndCountsOnce() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request =
        fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    String first = fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request).getCouponId();
    String again = fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request).getCouponId();
    assertThat(again).isEqualTo(first);
    assertThat(distributed(stockId)).isEqualTo(1);
  }

  @Test
  void repeatedSendSucceedsEvenAfterUserLimitWasReached() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request =
        fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    String first = fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request).getCouponId();
    // max_coupons_per_user is 1: only an idempotent replay can answer 200 now.
    assertThat(fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request).getCouponId())
        .isEqualTo(first);
  }

  @Test
  void sameOutRequestNoForAnotherUserIsRefused() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request =
        fixture.sendRequest(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request);
    request.setOpenid(SandboxFixture.unique("other"));
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(400);
              assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST");
              assertThat(e.getErrorMessage()).isEqualTo("out_request_no重复,且请求参数与首次请求不一致");
            });
    assertThat(distributed(stockId)).isEqualTo(1);
  }

  @Test
  void sameOutRequestNoForAnotherStockIsRefused() {
    String a = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    String b = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    SendCouponRequest request =
        fixture.sendRequest(PUBLIC_KEY_MCHID, a, SandboxFixture.unique("o"));
    fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request);
    request.setStockId(b);
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST"));
  }

  @Test
  void outRequestNoIsScopedPerMerchant() {
    String a = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    String b = fixture.runningStock(SandboxFixture.CERT_MCHID, r -> {});
    String outRequestNo = SandboxFixture.unique("shared");
    SendCouponRequest first = fixture.sendRequest(PUBLIC_KEY_MCHID, a, SandboxFixture.unique("o"));
    first.setOutRequestNo(outRequestNo);
    SendCouponRequest second =
        fixture.sendRequest(SandboxFixture.CERT_MCHID, b, SandboxFixture.unique("o"));
    second.setOutRequestNo(outRequestNo);
    String one = fixture.coupons(PUBLIC_KEY_MCHID).sendCoupon(first).getCouponId();
    String two = fixture.coupons(SandboxFixture.CERT_MCHID).sendCoupon(second).getCouponId();
    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void repeatedCreateReturnsSameStock() {
    CreateCouponStockRequest request = fixture.stockRequest(PUBLIC_KEY_MCHID);
    String first = fixture.coupons(PUBLIC_KEY_MCHID).createCouponStock(request).getStockId();
    assertThat(fixture.coupons(PUBLIC_KEY_MCHID).createCouponStock(request).getStockId())
        .isEqualTo(first);
  }

  @Test
  void repeatedCreateSucceedsAfterBeginTimePassed() {
    CreateCouponStockRequest request = fixture.stockRequest(PUBLIC_KEY_MCHID);
    String first = fixture.coupons(PUBLIC_KEY_MCHID).createCouponStock(request).getStockId();
    fixture.shiftClock(60);
    assertThat(fixture.coupons(PUBLIC_KEY_MCHID).createCouponStock(request).getStockId())
        .isEqualTo(first);
  }

  @Test
  void createWithReusedOutRequestNoAndDifferentBodyIsRefused() {
    CreateCouponStockRequest request = fixture.stockRequest(PUBLIC_KEY_MCHID);
    fixture.coupons(PUBLIC_KEY_MCHID).createCouponStock(request);
    request.setStockName("另一个批次");
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).createCouponStock(request))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(400);
              assertThat(e.getErrorCode()).isEqualTo("INVALID_REQUEST");
            });
  }
}
