package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.PauseStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.RestartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StopStockRequest;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** unactivated → running ⇄ paused → stoped, through the SDK's stock methods. */
class StockStateMachineTest {

  private static SandboxFixture fixture;
  private static CashCouponsService api;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
    api = fixture.coupons(PUBLIC_KEY_MCHID);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static String newStock() {
    return fixture.createStock(PUBLIC_KEY_MCHID, r -> {});
  }

  private static String status(String stockId) {
    QueryStockRequest q = new QueryStockRequest();
    q.setStockId(stockId);
    q.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    return api.queryStock(q).getStatus();
  }

  private static String start(String stockId) {
    StartStockRequest r = new StartStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    return api.startStock(r).getStartTime();
  }

  private static String pause(String stockId) {
    PauseStockRequest r = new PauseStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    return api.pauseStock(r).getPauseTime();
  }

  private static String restart(String stockId) {
    RestartStockRequest r = new RestartStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    return api.restartStock(r).getRestartTime();
  }

  private static String stopStock(String stockId) {
    StopStockRequest r = new StopStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    return api.stopStock(r).getStopTime();
  }

  private static void assertIllegalState(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(400);
              assertThat(e.getErrorCode()).isEqualTo("PARAM_ERROR");
              assertThat(e.getErrorMessage()).isEqualTo("非法的批次状态");
            });
  }

  @Test
  void startMovesUnactivatedToRunning() {
    String stockId = newStock();
    assertThat(start(stockId)).isNotBlank();
    assertThat(status(stockId)).isEqualTo("running");
  }

  @Test
  void startOnRunningStockIsIdempotent() {
    String stockId = newStock();
    String first = start(stockId);
    assertThat(start(stockId)).isEqualTo(first);
    assertThat(status(stockId)).isEqualTo("running");
  }

  @Test
  void pauseMovesRunningToPaused() {
    String stockId = newStock();
    start(stockId);
    assertThat(pause(stockId)).isNotBlank();
    assertThat(status(stockId)).isEqualTo("paused");
  }

  @Test
  void pauseOnPausedStockIsIdempotent() {
    String stockId = newStock();
    start(stockId);
    String first = pause(stockId);
    assertThat(pause(stockId)).isEqualTo(first);
  }

  @Test
  void restartMovesPausedToRunning() {
    String stockId = newStock();
    start(stockId);
    pause(stockId);
    assertThat(restart(stockId)).isNotBlank();
    assertThat(status(stockId)).isEqualTo("running");
  }

  @Test
  void restartOnRunningStockIsIdempotent() {
    String stockId = newStock();
    start(stockId);
    assertThat(restart(stockId)).isNotBlank();
    assertThat(status(stockId)).isEqualTo("running");
  }

  @Test
  void stopMovesRunningToStoped() {
    String stockId = newStock();
    start(stockId);
    assertThat(stopStock(stockId)).isNotBlank();
    assertThat(status(stockId)).isEqualTo("stoped");
  }

  @Test
  void stopOnStoppedStockAnswersTheSameStopTime() {
    String stockId = newStock();
    String first = stopStock(stockId);
    assertThat(stopStock(stockId)).isEqualTo(first);
  }

  @Test
  void pauseOfUnactivatedStockIsIllegal() {
    String stockId = newStock();
    assertIllegalState(() -> pause(stockId));
  }

  @Test
  void restartOfUnactivatedStockIsIllegal() {
    String stockId = newStock();
    assertIllegalState(() -> restart(stockId));
  }

  @Test
  void startOfPausedStockIsIllegal() {
    String stockId = newStock();
    start(stockId);
    pause(stockId);
    assertIllegalState(() -> start(stockId));
  }

  @Test
  void startOfStoppedStockIsIllegal() {
    String stockId = newStock();
    stopStock(stockId);
    assertIllegalState(() -> start(stockId));
  }

  @Test
  void pauseOfStoppedStockIsIllegal() {
    String stockId = newStock();
    start(stockId);
    stopStock(stockId);
    assertIllegalState(() -> pause(stockId));
  }

  @Test
  void stockStopsWhenAvailableEndTimePassesOnBusinessClock() {
    String stockId =
        fixture.createStock(
            PUBLIC_KEY_MCHID,
            r ->
                r.setAvailableEndTime(
                    SandboxFixture.rfc3339(fixture.businessNow().plus(Duration.ofHours(1)))));
    start(stockId);
    fixture.shiftClock(3601);
    assertThat(status(stockId)).isEqualTo("stoped");
    assertIllegalState(() -> restart(stockId));
  }

  @Test
  void otherMerchantCannotChangeTheStock() {
    String stockId = newStock();
    StartStockRequest r = new StartStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    assertThatThrownBy(() -> fixture.coupons(SandboxFixture.CERT_MCHID).startStock(r))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(403);
              assertThat(e.getErrorCode()).isEqualTo("REQUEST_BLOCKED");
              assertThat(e.getErrorMessage()).isEqualTo("调用商户无权限");
            });
  }

  @Test
  void unknownStockIsNotFound() {
    assertThatThrownBy(() -> start("123"))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS"));
  }

  @Test
  void wrongStockCreatorIsNotFound() {
    String stockId = newStock();
    StartStockRequest r = new StartStockRequest();
    r.setStockId(stockId);
    r.setStockCreatorMchid("1900000002");
    assertThatThrownBy(() -> api.startStock(r))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
  }

  @Test
  void missingStockCreatorIsParamError() throws Exception {
    String stockId = newStock();
    RawClient.Result result =
        fixture
            .raw(PUBLIC_KEY_MCHID)
            .call("POST", "/v3/marketing/favor/stocks/" + stockId + "/start", "{}")
            .execute();
    assertThat(result.status()).isEqualTo(400);
    assertThat(fixture.json.readTree(result.body()).get("code").asText()).isEqualTo("PARAM_ERROR");
  }
}
