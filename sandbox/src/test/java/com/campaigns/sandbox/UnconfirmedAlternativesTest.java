package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.sandbox.unconfirmed.DailyCapRefusal;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.PauseStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.RestartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Behaviours WeChat Pay leaves undocumented, played as each alternative the admin API selects
 * (docs/sandbox.md, "Unconfirmed behaviours").
 */
class UnconfirmedAlternativesTest {

  SandboxFixture fixture;
  CashCouponsService api;

  @BeforeEach
  void start() {
    fixture = SandboxFixture.start();
    api = fixture.coupons(PUBLIC_KEY_MCHID);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void choose(String behaviour, String alternative) {
    assertThat(
            fixture
                .admin("PUT", "/sandbox/unconfirmed", Map.of(behaviour, alternative))
                .get(behaviour)
                .asText())
        .isEqualTo(alternative);
  }

  private static void assertRefused(ThrowingCallable call, int status, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(status);
              assertThat(e.getErrorCode()).isEqualTo(code);
            });
  }

  @Test
  void aRepeatedMoveAnswersTheEarlierTimeOrIsRefusedAsAnIllegalState() {
    String stockId = fixture.createStock(PUBLIC_KEY_MCHID, r -> {});
    StartStockRequest start = new StartStockRequest();
    start.setStockId(stockId);
    start.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    PauseStockRequest pause = new PauseStockRequest();
    pause.setStockId(stockId);
    pause.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    RestartStockRequest restart = new RestartStockRequest();
    restart.setStockId(stockId);
    restart.setStockCreatorMchid(PUBLIC_KEY_MCHID);

    String started = api.startStock(start).getStartTime();
    assertThat(api.startStock(start).getStartTime()).isEqualTo(started);

    choose("repeated_move", "PARAM_ERROR");
    assertRefused(() -> api.startStock(start), 400, "PARAM_ERROR");
    String paused = api.pauseStock(pause).getPauseTime();
    assertThat(paused).isNotBlank();
    assertRefused(() -> api.pauseStock(pause), 400, "PARAM_ERROR");
    api.restartStock(restart);
    assertRefused(() -> api.restartStock(restart), 400, "PARAM_ERROR");

    choose("repeated_move", "EARLIER_TIME");
    assertThat(api.startStock(start).getStartTime()).isEqualTo(started);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "NOT_ENOUGH, 403, NOT_ENOUGH, 发券超过单天限额",
    "NOT_ENOUGH_WORDED_AS_BUDGET, 403, NOT_ENOUGH, 批次预算不足",
    "REQUEST_BLOCKED, 403, REQUEST_BLOCKED, 超出批次单日发放上限",
    "INVALID_REQUEST, 400, INVALID_REQUEST, 今日发券已达上限"
  })
  void theDailyCapsRefusalIsTheChosenAlternative(
      DailyCapRefusal alternative, int status, String code, String message) {
    choose("daily_cap_refusal", alternative.name());
    String stockId =
        fixture.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxAmountByDay(500L));
    fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    assertThatThrownBy(() -> fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o")))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(status);
              assertThat(e.getErrorCode()).isEqualTo(code);
              assertThat(e.getErrorMessage()).isEqualTo(message);
            });
  }
}
