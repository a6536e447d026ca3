package com.campaigns.sandbox.unconfirmed;

/**
 * WeChat Pay's answer to a create-stock repeated with the same {@code out_request_no} and body:
 * what a client whose first answer was lost sees. The documentation only says the number may not
 * repeat.
 */
public enum RepeatedCreate {
  /** 200 with the first stock's id and create time (idempotent). */
  SAME_STOCK,
  /** 400 INVALID_REQUEST: the number was used, whatever the body. */
  INVALID_REQUEST
}
