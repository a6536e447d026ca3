package com.campaigns.sandbox.unconfirmed;

import com.campaigns.sandbox.protocol.Rejected;

/**
 * How WeChat Pay may refuse a send once the stock's {@code max_amount_by_day} is reached. The code
 * and message are not documented (NOT_ENOUGH "发券超过单天限额" is a guess), so a product must not tell the
 * daily cap from the spent budget by either.
 */
public enum DailyCapRefusal {
  /** 403 NOT_ENOUGH "发券超过单天限额": the likely one. */
  NOT_ENOUGH(403, "NOT_ENOUGH", "发券超过单天限额"),
  /** 403 NOT_ENOUGH with the spent budget's message: the two refusals worded alike. */
  NOT_ENOUGH_WORDED_AS_BUDGET(403, "NOT_ENOUGH", "批次预算不足"),
  /** 403 REQUEST_BLOCKED, the code of refusals that the stock's rules block. */
  REQUEST_BLOCKED(403, "REQUEST_BLOCKED", "超出批次单日发放上限"),
  /** 400 INVALID_REQUEST, the code of refusals that depend on the stock's state. */
  INVALID_REQUEST(400, "INVALID_REQUEST", "今日发券已达上限");

  private final int status;
  private final String code;
  private final String message;

  DailyCapRefusal(int status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  public Rejected refusal() {
    return new Rejected(status, code, message);
  }
}
