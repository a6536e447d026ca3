package com.campaigns.wechatpay;

import com.campaigns.wechatpay.WechatError.Kind;
import com.google.gson.JsonParseException;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;

/**
 * The one table that decides what a WeChat Pay failure means. Error codes decide, not exception
 * classes: one SDK class ({@code ServiceException}) carries both retryable and fatal answers, and
 * some answers need their message read (INVALID_REQUEST covers throttling, a stopped stock and a
 * user's monthly cap). Sources: reference/wechatpay-favor-v3.md §A.9, §B.0–B.4.
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

  public static WechatError classify(int status, String code, String message) {
    String msg = message == null ? "" : message;
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
          case "INVALID_REQUEST" -> invalidRequest(msg);
          case "RULE_LIMIT" -> msg.contains("导入") ? Kind.TRANSIENT : Kind.RECIPIENT_SUSPECT;
          case "USER_ACCOUNT_ABNORMAL", "USER_AL_GET_COUPON" -> Kind.RECIPIENT;
          case "NOT_ENOUGH" ->
              msg.contains("单天") || msg.contains("单日") ? Kind.DAILY_LIMIT : Kind.FATAL;
          case "REQUEST_BLOCKED" -> requestBlocked(msg);
          case "PARAM_ERROR" -> msg.contains("批次状态") ? Kind.STOCK_STATE : Kind.FATAL;
          case "RESOURCE_NOT_EXISTS", "NOT_FOUND" -> Kind.NOT_FOUND;
          case "SIGN_ERROR", "NO_AUTH", "APPID_MCHID_NOT_MATCH", "MCH_NOT_EXISTS" -> Kind.FATAL;
          default -> Kind.UNKNOWN;
        };
    return new WechatError(kind, status, code, message);
  }

  private static Kind invalidRequest(String msg) {
    if (msg.contains("频率")) {
      return Kind.THROTTLED;
    }
    if (msg.contains("活动已结束") || msg.contains("未激活")) {
      return Kind.STOCK_NOT_RUNNING;
    }
    if (msg.contains("暂时无法领取") || msg.contains("openid")) {
      return Kind.RECIPIENT;
    }
    if (msg.contains("卡包信息尚未注册完成") || msg.contains("稍后重试")) {
      return Kind.TRANSIENT;
    }
    return Kind.FATAL;
  }

  private static Kind requestBlocked(String msg) {
    if (msg.contains("用户")) {
      return Kind.RECIPIENT;
    }
    if (msg.contains("请检查批次参数")) {
      // Reported as intermittent on send (developer community); retried, then treated as fatal.
      return Kind.TRANSIENT;
    }
    return Kind.FATAL;
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
