package com.campaigns.activities.stock;

import com.campaigns.wechatpay.WechatError;

/**
 * What a refused stock move means when the refusal's code does not say ({@link
 * WechatError.Kind#readsStock()}: INVALID_REQUEST, REQUEST_BLOCKED, NOT_ENOUGH, PARAM_ERROR), read
 * from the stock's status after the refusal, never from WeChat Pay's message.
 */
final class RefusedMove {

  /** The moves, each with the status it leaves and the status it enters. */
  enum Move {
    ACTIVATE("unactivated", "running"),
    PAUSE("running", "paused"),
    RESTART("paused", "running");

    final String from;
    final String to;

    Move(String from, String to) {
      this.from = from;
      this.to = to;
    }
  }

  /** What to do. */
  enum Meaning {
    /** The stock is where the move leads (a repeated move WeChat Pay refuses): done. */
    DONE,
    /** The stock is in a status the move cannot leave: the STOCK_STATE failure. */
    STOCK_STATE,
    /** The stock could move, the refusal may be the rate or a passing state: retry. */
    RETRY,
    /** The stock could move and the refusal is the request's or the merchant's: fail for good. */
    FAIL,
    /**
     * A pre-funded stock that stays unactivated: WeChat Pay would not lock its budget from the
     * merchant's balance. The campaign pauses until the balance is topped up.
     */
    INSUFFICIENT_FUNDS
  }

  /**
   * Tries of one move refused while the stock could make it. Temporal's backoff for stock calls (1
   * s doubling) spreads them over about two minutes: "卡包信息尚未注册完成" right after creation passes
   * within one.
   */
  static final int ATTEMPTS = 8;

  private RefusedMove() {}

  /**
   * @param status the stock's status read after the refusal
   * @param preFunded whether the stock is pre-funded ({@code no_cash: false}), as the stock says
   * @param attempt the activity's attempt, from 1
   */
  static Meaning meaning(
      Move move, WechatError.Kind kind, String status, boolean preFunded, int attempt) {
    if (move.to.equals(status)) {
      return Meaning.DONE;
    }
    if (!move.from.equals(status)) {
      return Meaning.STOCK_STATE;
    }
    if (move == Move.ACTIVATE && preFunded) {
      // Which code WeChat Pay gives a balance too low to lock the budget is not documented
      // (NOT_ENOUGH is likely). NOT_ENOUGH needs no retry: an unactivated stock has issued nothing,
      // so neither its budget nor the day's cap is spent. Any other code may be a passing state
      // first (the card pack still registering), so it is tried ATTEMPTS times.
      if (kind == WechatError.Kind.STOCK_LIMIT || attempt >= ATTEMPTS) {
        return Meaning.INSUFFICIENT_FUNDS;
      }
      return Meaning.RETRY;
    }
    return kind == WechatError.Kind.STOCK_OR_RECIPIENT && attempt < ATTEMPTS
        ? Meaning.RETRY
        : Meaning.FAIL;
  }
}
