package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.CERT_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.PauseStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StopStockRequest;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Money at activation: a pre-funded stock ({@code no_cash: false}) locks its budget ({@code
 * max_amount}, 50 000 fen in the fixture's stock) from the merchant's balance when it starts, and
 * gives back what was not used when it ends. A merchant without a balance set has unlimited funds.
 */
class MerchantFundsTest {

  static final String BALANCE = "/sandbox/merchants/" + CERT_MCHID + "/balance";

  SandboxFixture fixture;
  CashCouponsService api;

  @BeforeEach
  void start() {
    fixture = SandboxFixture.start();
    api = fixture.coupons(CERT_MCHID);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String start(String stockId) {
    StartStockRequest r = new StartStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid(CERT_MCHID);
    return api.startStock(r).getStartTime();
  }

  private String status(String stockId) {
    QueryStockRequest q = new QueryStockRequest();
    q.setStockId(stockId);
    q.setStockCreatorMchid(CERT_MCHID);
    return api.queryStock(q).getStatus();
  }

  private void stopStock(String stockId) {
    StopStockRequest r = new StopStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid(CERT_MCHID);
    api.stopStock(r);
  }

  private JsonNode balance() {
    return fixture.admin("GET", BALANCE, null);
  }

  private void assertRefused(String stockId, int status, String code) {
    assertThatThrownBy(() -> start(stockId))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(status);
              assertThat(e.getErrorCode()).isEqualTo(code);
              assertThat(e.getErrorMessage()).isEqualTo("激活失败：账户余额不足，请充值");
            });
    assertThat(status(stockId)).isEqualTo("unactivated");
  }

  @Test
  void withoutABalanceSetFundsAreUnlimited() {
    assertThat(balance().get("available").isNull()).isTrue();
    String stockId = fixture.createStock(CERT_MCHID, r -> {});
    start(stockId);
    assertThat(balance().get("locked").asLong()).isEqualTo(50_000);
    assertThat(balance().get("available").isNull()).isTrue();
  }

  @Test
  void aStartLocksTheBudgetAndIsRefusedWhenTheBalanceCannotCoverIt() {
    fixture.admin("PUT", BALANCE, Map.of("deposit", 60_000));
    String first = fixture.createStock(CERT_MCHID, r -> {});
    String second = fixture.createStock(CERT_MCHID, r -> {});
    start(first);
    assertThat(balance().get("locked").asLong()).isEqualTo(50_000);
    assertThat(balance().get("available").asLong()).isEqualTo(10_000);

    assertRefused(second, 403, "NOT_ENOUGH");

    // A paused stock keeps its budget locked; a start of an already running stock costs nothing.
    PauseStockRequest pause = new PauseStockRequest();
    pause.setStockId(first);
    pause.setStockCreatorMchid(CERT_MCHID);
    api.pauseStock(pause);
    assertThat(balance().get("locked").asLong()).isEqualTo(50_000);
    assertRefused(second, 403, "NOT_ENOUGH");

    // Topped up: the second starts.
    fixture.admin("PUT", BALANCE, Map.of("deposit", 100_000));
    start(second);
    assertThat(status(second)).isEqualTo("running");
    assertThat(balance().get("available").asLong()).isZero();
  }

  @Test
  void anEndedStockGivesBackWhatWasNotUsed() {
    fixture.admin("PUT", BALANCE, Map.of("deposit", 50_000));
    String stockId = fixture.runningStock(CERT_MCHID, r -> {});
    fixture.send(CERT_MCHID, stockId, SandboxFixture.unique("o"));
    fixture.send(CERT_MCHID, stockId, SandboxFixture.unique("o"));
    fixture.admin("POST", "/sandbox/stocks/" + stockId + "/redeem", Map.of("count", 1));
    assertThat(balance().get("available").asLong()).isZero();

    stopStock(stockId);
    JsonNode after = balance();
    assertThat(after.get("locked").asLong()).isZero();
    assertThat(after.get("spent").asLong()).isEqualTo(500);
    assertThat(after.get("available").asLong()).isEqualTo(49_500);
  }

  @Test
  void aStockTheMerchantFundsAtRedemptionLocksNothing() {
    fixture.admin("PUT", BALANCE, Map.of("deposit", 0));
    String stockId = fixture.createStock(CERT_MCHID, r -> r.setNoCash(true));
    start(stockId);
    assertThat(status(stockId)).isEqualTo("running");
    assertThat(balance().get("locked").asLong()).isZero();
  }

  @Test
  void theRefusalsCodeIsAnAlternativeChosenAtRunTime() {
    fixture.admin("PUT", BALANCE, Map.of("deposit", 0));
    String stockId = fixture.createStock(CERT_MCHID, r -> {});
    for (var alternative :
        Map.of(
                "NOT_ENOUGH", 403,
                "INVALID_REQUEST", 400,
                "REQUEST_BLOCKED", 403,
                "PARAM_ERROR", 400)
            .entrySet()) {
      JsonNode now =
          fixture.admin(
              "PUT",
              "/sandbox/unconfirmed",
              Map.of("activation_short_of_funds", alternative.getKey()));
      assertThat(now.get("activation_short_of_funds").asText()).isEqualTo(alternative.getKey());
      assertRefused(stockId, alternative.getValue(), alternative.getKey());
    }
    // A PUT naming nothing changes nothing.
    String before = fixture.admin("GET", "/sandbox/unconfirmed", null).toString();
    assertThat(fixture.admin("PUT", "/sandbox/unconfirmed", Map.of()).toString()).isEqualTo(before);
  }

  @Test
  void theAdminApiRefusesANegativeDepositAndForgetsTheBalanceOnDelete() throws Exception {
    try (Response r = fixture.adminCall("PUT", BALANCE, Map.of("deposit", -1))) {
      assertThat(r.code()).isEqualTo(400);
    }
    try (Response r =
        fixture.adminCall("PUT", "/sandbox/merchants/1999999999/balance", Map.of("deposit", 1))) {
      assertThat(r.code()).isEqualTo(404);
    }
    fixture.admin("PUT", BALANCE, Map.of("deposit", 0));
    assertThat(balance().get("available").asLong()).isZero();
    fixture.admin("DELETE", BALANCE, null);
    assertThat(balance().get("deposit").isNull()).isTrue();
  }
}
