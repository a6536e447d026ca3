package com.campaigns.activities.wechat;

import com.campaigns.wechatpay.WechatError;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * Turns a classified WeChat Pay failure into the ApplicationFailure an activity throws: typed by
 * the WeChat Pay code, retryable as the classifier says, with the evidence in its details.
 */
public final class WechatFailures {

  private WechatFailures() {}

  /**
   * The SDK exception itself is not attached as the cause: its text includes the signed request,
   * and histories must not carry credentials.
   */
  public static ApplicationFailure toFailure(String operation, WechatError error) {
    return toFailure(operation, error, error.kind().retryable());
  }

  /**
   * As {@link #toFailure(String, WechatError)}, retryable or not as the caller decided from the
   * stock's facts (a refusal whose code alone does not say, {@link WechatError.Kind#readsStock()}).
   */
  public static ApplicationFailure toFailure(
      String operation, WechatError error, boolean retryable) {
    String message = operation + " failed: " + error.describe();
    ApplicationFailure.Builder b =
        ApplicationFailure.newBuilder()
            .setMessage(message)
            .setType(error.code())
            .setDetails(
                error.httpStatus(), error.code(), error.message() == null ? "" : error.message())
            .setNonRetryable(!retryable);
    if (error.kind() == WechatError.Kind.THROTTLED) {
      b.setNextRetryDelay(Duration.ofSeconds(1)).setCategory(ApplicationErrorCategory.BENIGN);
    }
    return b.build();
  }
}
