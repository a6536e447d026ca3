package com.campaigns.wechatpay;

/**
 * A WeChat Pay failure as the product understands it: what kind of problem, and the evidence.
 *
 * @param httpStatus 0 when no HTTP answer arrived
 * @param code WeChat Pay's error code, or HTTP_ERROR / INVALID_SIGNATURE / MALFORMED_RESPONSE
 * @param message WeChat Pay's message: evidence to log and show, never a reason to decide
 */
public record WechatError(Kind kind, int httpStatus, String code, String message) {

  /** What to do about it. */
  public enum Kind {
    /** No answer, 5xx, unparseable error body: retry the same request. */
    TRANSIENT,
    /** 429 and the throttling codes: back off, then retry the same request. */
    THROTTLED,
    /** The answer could not be verified (signature, timestamp): retry a few times, then stop. */
    UNVERIFIED,
    /** A refusal about this recipient only (USER_ACCOUNT_ABNORMAL, USER_AL_GET_COUPON). */
    RECIPIENT,
    /** RULE_LIMIT, which WeChat Pay also returns for concurrent sends to one user: retry once. */
    RECIPIENT_SUSPECT,
    /**
     * INVALID_REQUEST, REQUEST_BLOCKED: the stock is not running, the calls come too fast, or this
     * recipient may not have the coupon; the code alone does not say which. Read the stock ({@link
     * StockFacts}).
     */
    STOCK_OR_RECIPIENT,
    /**
     * NOT_ENOUGH: the stock's budget or today's cap ({@code max_amount_by_day}) is spent; the code
     * alone does not say which. Read the stock ({@link StockFacts}).
     */
    STOCK_LIMIT,
    /**
     * PARAM_ERROR: the stock is not in a state that allows the call, or the request is wrong; the
     * code alone does not say which. Read the stock ({@link StockFacts}).
     */
    STOCK_OR_REQUEST,
    /** RESOURCE_NOT_EXISTS / NOT_FOUND. */
    NOT_FOUND,
    /** Everything else that retrying cannot fix: signature, permission, merchant, appid. */
    FATAL,
    /** A code this product does not know. */
    UNKNOWN;

    public boolean retryable() {
      return this == TRANSIENT || this == THROTTLED || this == UNVERIFIED;
    }

    /** Whether what the answer means depends on the stock's facts, not on the code alone. */
    public boolean readsStock() {
      return this == STOCK_OR_RECIPIENT || this == STOCK_LIMIT || this == STOCK_OR_REQUEST;
    }
  }

  public String describe() {
    return (httpStatus > 0 ? httpStatus + " " : "") + code + (message == null ? "" : " " + message);
  }
}
