package com.campaigns.wechatpay;

/**
 * A WeChat Pay failure as the product understands it: what kind of problem, and the evidence.
 *
 * @param httpStatus 0 when no HTTP answer arrived
 * @param code WeChat Pay's error code, or HTTP_ERROR / INVALID_SIGNATURE / MALFORMED_RESPONSE
 */
public record WechatError(Kind kind, int httpStatus, String code, String message) {

  /** What to do about it. */
  public enum Kind {
    /** No answer, 5xx, unparseable error body: retry the same request. */
    TRANSIENT,
    /** 429 or "调用频率过高": back off, then retry the same request. */
    THROTTLED,
    /** The answer could not be verified (signature, timestamp): retry a few times, then stop. */
    UNVERIFIED,
    /** A refusal about this recipient only (RULE_LIMIT, USER_ACCOUNT_ABNORMAL, monthly cap...). */
    RECIPIENT,
    /** RULE_LIMIT, which WeChat Pay also returns for concurrent sends to one user: retry once. */
    RECIPIENT_SUSPECT,
    /** NOT_ENOUGH "发券超过单天限额": the stock's daily budget is spent. */
    DAILY_LIMIT,
    /** "活动已结束或未激活": the stock is paused, stopped, not active or outside its window. */
    STOCK_NOT_RUNNING,
    /** "非法的批次状态": the stock is not in a state that allows the call. */
    STOCK_STATE,
    /** RESOURCE_NOT_EXISTS / NOT_FOUND. */
    NOT_FOUND,
    /**
     * Everything else that retrying cannot fix: budget exhausted, signature, permission, params.
     */
    FATAL,
    /** A code this product does not know. */
    UNKNOWN;

    public boolean retryable() {
      return this == TRANSIENT || this == THROTTLED || this == UNVERIFIED;
    }
  }

  public String describe() {
    return (httpStatus > 0 ? httpStatus + " " : "") + code + (message == null ? "" : " " + message);
  }
}
