package com.campaigns.starter.support;

import com.campaigns.starter.system.RequestRejected;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * A failed WeChat Pay call as the API's caller sees it, decided by the one error table ({@link
 * WechatErrorClassifier}): 404 for an unknown coupon or stock, 429 with Retry-After when throttled,
 * 502 when WeChat Pay is down, answers 5xx, cannot be reached or its answer cannot be verified, and
 * WeChat Pay's own 400/403 with its code and message otherwise. The SDK exception itself is never
 * shown: its text includes the signed request.
 */
final class WechatPayRefusal {

  private static final Logger log = LoggerFactory.getLogger(WechatPayRefusal.class);

  /** WeChat Pay sends no Retry-After; its documented limits are per second. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private WechatPayRefusal() {}

  /** Runs a WeChat Pay call for {@code what}; its failure becomes the API's refusal. */
  static <T> T calling(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RequestRejected e) {
      throw e;
    } catch (RuntimeException e) {
      RequestRejected rejection = of(what, e);
      if (rejection.status().is5xxServerError()) {
        log.warn("WeChat Pay call for {} failed: {}", what, rejection.getMessage());
      }
      throw rejection;
    }
  }

  static RequestRejected of(String what, RuntimeException e) {
    return of(what, WechatErrorClassifier.classify(e));
  }

  static RequestRejected of(String what, WechatError error) {
    String said = "WeChat Pay answered " + what + " with " + error.describe();
    return switch (error.kind()) {
      case NOT_FOUND -> new RequestRejected(HttpStatus.NOT_FOUND, "not_found", said);
      case THROTTLED ->
          new RequestRejected(
              HttpStatus.TOO_MANY_REQUESTS,
              "wechatpay_throttled",
              said + "; retry later",
              RETRY_AFTER);
      case TRANSIENT, UNVERIFIED ->
          new RequestRejected(
              HttpStatus.BAD_GATEWAY,
              "wechatpay_unavailable",
              error.httpStatus() == 0
                  ? "WeChat Pay could not be reached or its answer could not be read for "
                      + what
                      + " ("
                      + error.code()
                      + ")"
                  : said);
      default -> refused(said, error.httpStatus());
    };
  }

  /**
   * WeChat Pay's own refusals keep their status; a refused signature is our fault, not the
   * caller's.
   */
  private static RequestRejected refused(String said, int status) {
    if (status == 400 || status == 403) {
      return new RequestRejected(HttpStatus.valueOf(status), "wechatpay_rejected", said);
    }
    return new RequestRejected(HttpStatus.BAD_GATEWAY, "wechatpay_unavailable", said);
  }
}
