package com.campaigns.sandbox.unconfirmed;

/**
 * WeChat Pay's answer to a stock move repeated on a stock already where the move leads (start a
 * running stock, pause a paused one, restart a running one, stop a stopped one): what a client
 * whose first answer was lost sees. Not documented.
 */
public enum RepeatedMove {
  /** 200 with the time of the earlier move, as if it were made now (idempotent). */
  EARLIER_TIME,
  /** 400 PARAM_ERROR "非法的批次状态", as for any move the stock's status does not allow. */
  PARAM_ERROR
}
