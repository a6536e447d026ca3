package com.campaigns.starter.support;

import com.campaigns.starter.campaign.CampaignApiProperties;
import com.campaigns.starter.security.Operator;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.NotifyUrlRule;
import com.campaigns.wechatpay.WechatMerchants;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.wechat.pay.java.service.cashcoupons.model.Callback;
import com.wechat.pay.java.service.cashcoupons.model.QueryCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The merchants' COUPON.USE callback URL at WeChat Pay: read it, and set it after checking WeChat
 * Pay's own rules; its refusals become API errors ({@link WechatPayRefusal}).
 */
@Service
public class MerchantCallbacks {

  private static final Logger log = LoggerFactory.getLogger(MerchantCallbacks.class);

  private final WechatMerchants merchants;
  private final boolean allowHttpLoopback;

  MerchantCallbacks(WechatMerchants merchants, CampaignApiProperties api) {
    this.merchants = merchants;
    this.allowHttpLoopback = api.allowHttpNotifyUrlOnLoopback();
  }

  /**
   * A merchant's callback as WeChat Pay has it ({@code update_time} only in the answer to a
   * change).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CallbackInfo(
      String mchid,
      String notifyUrl,
      @JsonInclude(JsonInclude.Include.NON_NULL) String updateTime) {}

  public CallbackInfo callback(String mchid) {
    MerchantClient merchant = QueryParams.merchant(merchants, mchid);
    QueryCallbackRequest r = new QueryCallbackRequest();
    r.setMchid(merchant.mchid());
    Callback c =
        WechatPayRefusal.calling(
            "the callback of merchant " + mchid, () -> merchant.coupons().queryCallback(r));
    return new CallbackInfo(merchant.mchid(), c == null ? null : c.getNotifyUrl(), null);
  }

  /**
   * Sets the merchant's COUPON.USE callback after checking WeChat Pay's own rules (https, no query
   * string, at most 256 characters): WeChat Pay answers a bad URL with a bare "系统繁忙".
   */
  public CallbackInfo setCallback(String mchid, String notifyUrl, Operator operator) {
    MerchantClient merchant = QueryParams.merchant(merchants, mchid);
    String url = checkNotifyUrl(notifyUrl);
    SetCallbackRequest r = new SetCallbackRequest();
    r.setMchid(merchant.mchid());
    r.setNotifyUrl(url);
    SetCallbackResponse c =
        WechatPayRefusal.calling(
            "the callback of merchant " + mchid, () -> merchant.coupons().setCallback(r));
    log.info("COUPON.USE callback of merchant {} set to {} by {}", mchid, url, operator);
    return new CallbackInfo(
        merchant.mchid(), c.getNotifyUrl() == null ? url : c.getNotifyUrl(), c.getUpdateTime());
  }

  String checkNotifyUrl(String notifyUrl) {
    NotifyUrlRule.problem(notifyUrl, allowHttpLoopback)
        .ifPresent(
            problem -> {
              throw QueryParams.invalid("notify_url", problem);
            });
    return notifyUrl.strip();
  }
}
