package com.campaigns.activities.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.stock.RefusedMove.Meaning;
import com.campaigns.activities.stock.RefusedMove.Move;
import com.campaigns.wechatpay.WechatError.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A refused stock move, decided by the stock's status after the refusal. */
class RefusedMoveTest {

  @ParameterizedTest(name = "{0} refused {1}, stock {2} (no_cash), attempt {3} -> {4}")
  @CsvSource({
    // Already where the move leads: a repeated move WeChat Pay refuses is done.
    "PAUSE, STOCK_OR_REQUEST, paused, 1, DONE",
    "ACTIVATE, STOCK_OR_RECIPIENT, running, 1, DONE",
    "RESTART, STOCK_OR_REQUEST, running, 1, DONE",
    // A status the move cannot leave: the stock-state path.
    "RESTART, STOCK_OR_REQUEST, stoped, 1, STOCK_STATE",
    "RESTART, STOCK_OR_RECIPIENT, unactivated, 1, STOCK_STATE",
    "PAUSE, STOCK_OR_RECIPIENT, stoped, 1, STOCK_STATE",
    "ACTIVATE, STOCK_OR_REQUEST, paused, 1, STOCK_STATE",
    "ACTIVATE, STOCK_LIMIT, stoped, 1, STOCK_STATE",
    // The stock could move: INVALID_REQUEST / REQUEST_BLOCKED retried a bounded number of times.
    "ACTIVATE, STOCK_OR_RECIPIENT, unactivated, 1, RETRY",
    "ACTIVATE, STOCK_OR_RECIPIENT, unactivated, 7, RETRY",
    "ACTIVATE, STOCK_OR_RECIPIENT, unactivated, 8, FAIL",
    "PAUSE, STOCK_OR_RECIPIENT, running, 3, RETRY",
    // ... PARAM_ERROR and NOT_ENOUGH are the request's or the merchant's: failed for good.
    "ACTIVATE, STOCK_LIMIT, unactivated, 1, FAIL",
    "RESTART, STOCK_OR_REQUEST, paused, 1, FAIL"
  })
  void theStatusDecides(Move move, Kind kind, String status, int attempt, Meaning meaning) {
    assertThat(RefusedMove.meaning(move, kind, status, false, attempt)).isEqualTo(meaning);
  }

  @ParameterizedTest(name = "{0} refused {1}, stock {2} (pre-funded), attempt {3} -> {4}")
  @CsvSource({
    // NOT_ENOUGH for an unactivated stock: nothing issued, so it is the merchant's balance.
    "ACTIVATE, STOCK_LIMIT, unactivated, 1, INSUFFICIENT_FUNDS",
    // Codes that may be a passing state: retried, then the balance is the likely cause.
    "ACTIVATE, STOCK_OR_RECIPIENT, unactivated, 1, RETRY",
    "ACTIVATE, STOCK_OR_REQUEST, unactivated, 7, RETRY",
    "ACTIVATE, STOCK_OR_RECIPIENT, unactivated, 8, INSUFFICIENT_FUNDS",
    "ACTIVATE, STOCK_OR_REQUEST, unactivated, 8, INSUFFICIENT_FUNDS",
    // The status still decides first, and only activation locks funds.
    "ACTIVATE, STOCK_LIMIT, running, 1, DONE",
    "ACTIVATE, STOCK_LIMIT, stoped, 1, STOCK_STATE",
    "RESTART, STOCK_LIMIT, paused, 1, FAIL",
    "PAUSE, STOCK_OR_RECIPIENT, running, 8, FAIL"
  })
  void aPreFundedStockThatStaysUnactivatedIsShortOfFunds(
      Move move, Kind kind, String status, int attempt, Meaning meaning) {
    assertThat(RefusedMove.meaning(move, kind, status, true, attempt)).isEqualTo(meaning);
  }
}
