package com.campaigns.wechatpay;

import com.campaigns.wechatpay.WechatError.Kind;
import com.google.gson.JsonParseException;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;

/**
 * The one table that decides what a WeChat Pay failure means. HTTP status and error code decide,
 * not exception classes (one SDK class, {@code ServiceException}, carries both retryable and fatal
 * answers) and never the message: its wording is not documented and may change. A few codes cover
 * several causes (INVALID_REQUEST: throttling, a stopped stock, a user's monthly cap); for them the
 * product asks the stock instead ({@link StockFacts}). Sources: reference/wechatpay-favor-v3.md
 * §A.9, §B.0–B.4.
 */
public final class WechatErrorClassifier {

  private WechatErrorClassifier() {}

  public static WechatError classify(Throwable t) {
    if (t instanceof ServiceException se) {
      return classify(se.getHttpStatusCode(), se.getErrorCode(), se.getErrorMessage());
    }
    if (t instanceof HttpException) {
      return new WechatError(Kind.TRANSIENT, 0, "HTTP_ERROR", rootMessage(t));
    }
    if (t instanceof JsonParseException) {
      // A non-JSON error body (an HTML 502 from a proxy): the SDK loses the status, the call may be
      // retried.
      return new WechatError(Kind.TRANSIENT, 0, "MALFORMED_RESPONSE", rootMessage(t));
    }
    if (t instanceof ValidationException
        || t instanceof IllegalArgumentException
        || t instanceof NullPointerException) {
      // Signature, serial or timestamp of the answer did not verify: the call may have taken
      // effect.
      return new WechatError(Kind.UNVERIFIED, 0, "INVALID_SIGNATURE", rootMessage(t));
    }
    if (t instanceof MalformedMessageException) {
      return new WechatError(Kind.TRANSIENT, 0, "MALFORMED_RESPONSE", rootMessage(t));
    }
    return new WechatError(Kind.TRANSIENT, 0, t.getClass().getSimpleName(), rootMessage(t));
  }

  /**
   * The table: HTTP status and error code decide; the message is carried as evidence only. The
   * codes whose meaning depends on the stock (INVALID_REQUEST, REQUEST_BLOCKED, NOT_ENOUGH,
   * PARAM_ERROR) get a kind that says so ({@link Kind#readsStock()}); the caller reads the stock's
   * {@link StockFacts} and acts on them.
   */
  public static WechatError classify(int status, String code, String message) {
    if (status == 429) {
      return new WechatError(
          Kind.THROTTLED, status, code == null ? "FREQUENCY_LIMITED" : code, message);
    }
    if (status >= 500) {
      return new WechatError(Kind.TRANSIENT, status, code == null ? "SYSTEM_ERROR" : code, message);
    }
    if (code == null) {
      return new WechatError(
          status == 404 ? Kind.NOT_FOUND : Kind.UNKNOWN, status, "HTTP_" + status, message);
    }
    Kind kind =
        switch (code) {
          case "FREQUENCY_LIMITED", "FREQUENCY_LIMIT_EXCEED", "RATE_LIMITED" -> Kind.THROTTLED;
          case "SYSTEM_ERROR", "SERVICE_UNAVAILABLE" -> Kind.TRANSIENT;
          case "USER_ACCOUNT_ABNORMAL", "USER_AL_GET_COUPON" -> Kind.RECIPIENT;
          case "RULE_LIMIT" -> Kind.RECIPIENT_SUSPECT;
          case "INVALID_REQUEST", "REQUEST_BLOCKED" -> Kind.STOCK_OR_RECIPIENT;
          case "NOT_ENOUGH" -> Kind.STOCK_LIMIT;
          case "PARAM_ERROR" -> Kind.STOCK_OR_REQUEST;
          case "RESOURCE_NOT_EXISTS", "NOT_FOUND" -> Kind.NOT_FOUND;
          case "SIGN_ERROR", "NO_AUTH", "APPID_MCHID_NOT_MATCH", "MCH_NOT_EXISTS" -> Kind.FATAL;
          default -> Kind.UNKNOWN;
        };
    return new WechatError(kind, status, code, message);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null ? c.getClass().getSimpleName() : m;
  }
}
