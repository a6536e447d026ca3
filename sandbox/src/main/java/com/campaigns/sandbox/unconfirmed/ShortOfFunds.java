package com.campaigns.sandbox.unconfirmed;

import com.campaigns.sandbox.protocol.Rejected;

/**
 * How WeChat Pay may refuse to activate a pre-funded stock when the merchant's balance is too low.
 * The message is the one merchants report ("激活失败：账户余额不足，请充值"); the code and status are not
 * documented, so each plausible one is an alternative.
 */
public enum ShortOfFunds {
  /** 403 NOT_ENOUGH, the code of the favor API's other "not enough" refusals: the likely one. */
  NOT_ENOUGH(403),
  /** 400 INVALID_REQUEST, the code of refusals that depend on the stock's or account's state. */
  INVALID_REQUEST(400),
  /** 403 REQUEST_BLOCKED, the code of refusals the account's standing blocks. */
  REQUEST_BLOCKED(403),
  /** 400 PARAM_ERROR, the code the sandbox gives a move the stock's status does not allow. */
  PARAM_ERROR(400);

  static final String MESSAGE = "激活失败：账户余额不足，请充值";

  private final int status;

  ShortOfFunds(int status) {
    this.status = status;
  }

  public Rejected refusal() {
    return new Rejected(status, name(), MESSAGE);
  }
}
