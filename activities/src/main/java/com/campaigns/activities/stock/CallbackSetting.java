package com.campaigns.activities.stock;

import com.campaigns.activities.wechat.WechatFailures;
import com.campaigns.wechatpay.CallbackStanding;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.NotifyUrlRule;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.wechatpay.WechatErrorClassifier;
import com.campaigns.workflows.model.CallbackResult;
import com.campaigns.workflows.model.FailureTypes;
import com.wechat.pay.java.service.cashcoupons.model.Callback;
import com.wechat.pay.java.service.cashcoupons.model.QueryCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackRequest;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant's COUPON.USE callback: read it, then set the campaign's URL only when none is set or
 * the merchant's configuration gives the callback to the product ({@link CallbackStanding}). The
 * callback is merchant-wide, so another system's URL is left alone and reported as a conflict by
 * its host only (its path or query may carry that system's secret).
 */
final class CallbackSetting {

  private static final Logger log = LoggerFactory.getLogger(CallbackSetting.class);

  private CallbackSetting() {}

  static CallbackResult apply(MerchantClient client, String notifyUrl) {
    String mchid = client.mchid();
    NotifyUrlRule.problem(notifyUrl, true)
        .ifPresent(
            problem -> {
              throw ApplicationFailure.newNonRetryableFailure(
                  "the campaign's notify URL (host "
                      + CallbackStanding.host(notifyUrl)
                      + ") "
                      + problem
                      + "; set campaigns.workflow.notify-url of the API and start a new campaign",
                  FailureTypes.INVALID_NOTIFY_URL);
            });
    String current = current(client);
    CallbackStanding standing = CallbackStanding.of(current, notifyUrl, client.callbackOwned());
    String host = CallbackStanding.host(current);
    switch (standing) {
      case OURS:
        return new CallbackResult(CallbackResult.UNCHANGED, host, "already this product's URL");
      case CONFLICT:
        log.warn("COUPON.USE callback of merchant {} points to host {}: left alone", mchid, host);
        return new CallbackResult(CallbackResult.CONFLICT, host, conflict(mchid, host, notifyUrl));
      default:
        SetCallbackRequest r = new SetCallbackRequest();
        r.setMchid(mchid);
        r.setNotifyUrl(notifyUrl);
        StockActivitiesImpl.call("set callback of " + mchid, () -> client.coupons().setCallback(r));
        String detail =
            standing == CallbackStanding.UNSET
                ? "set (none was set)"
                : "set, replacing a URL on host " + host + " (callback-owned: true)";
        log.info("COUPON.USE callback of merchant {} {}", mchid, detail);
        return new CallbackResult(CallbackResult.SET, host, detail);
    }
  }

  /**
   * The URL WeChat Pay has set, null when none. What it answers when none is set is not documented
   * (docs/sandbox.md): no {@code notify_url}, an empty one and a 404 all mean none.
   */
  private static String current(MerchantClient client) {
    QueryCallbackRequest q = new QueryCallbackRequest();
    q.setMchid(client.mchid());
    try {
      Callback c = client.coupons().queryCallback(q);
      return c == null || c.getNotifyUrl() == null || c.getNotifyUrl().isBlank()
          ? null
          : c.getNotifyUrl();
    } catch (RuntimeException e) {
      WechatError error = WechatErrorClassifier.classify(e);
      if (error.kind() == WechatError.Kind.NOT_FOUND) {
        return null;
      }
      throw WechatFailures.toFailure("query callback of " + client.mchid(), error);
    }
  }

  private static String conflict(String mchid, String host, String ours) {
    String ourHost = CallbackStanding.host(ours);
    return "the merchant's COUPON.USE callback points to "
        + (host.equals(ourHost) ? "another path on this product's host " : "host ")
        + host
        + ", which may serve another system of the merchant, so it was left alone; give the"
        + " callback to the product (callback-owned: true in merchant "
        + mchid
        + "'s configuration) or set it with PUT /api/v1/merchants/"
        + mchid
        + "/callback, then resume";
  }
}
