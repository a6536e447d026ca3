package com.campaigns.starter.support;

import com.campaigns.wechatpay.MerchantClient;
import com.google.gson.JsonObject;
import com.wechat.pay.java.core.http.Constant;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.MediaType;
import com.wechat.pay.java.core.http.UrlEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * WeChat Pay's two coupon queries, called through the merchant's signing and verifying SDK client
 * with a plain {@link JsonObject} as the answer. The SDK's {@code Coupon} model drops {@code
 * coupon_id} and {@code consume_information} (reference §A.4), which support staff need, so the
 * SDK's {@code queryCoupon}/{@code listCouponsByFilter} are not used; the requests are built
 * exactly as they build them.
 */
final class CouponEndpoints {

  private static final String BASE = "https://api.mch.weixin.qq.com/v3/marketing/favor/users/";

  private CouponEndpoints() {}

  /** {@code GET /v3/marketing/favor/users/{openid}/coupons/{coupon_id}?appid=}. */
  static JsonObject query(MerchantClient merchant, String openid, String couponId, String appid) {
    return get(
        merchant,
        BASE + UrlEncoder.urlEncode(openid) + "/coupons/" + UrlEncoder.urlEncode(couponId),
        Map.of("appid", appid));
  }

  /** {@code GET /v3/marketing/favor/users/{openid}/coupons?appid=&creator_mchid=&...}. */
  static JsonObject list(
      MerchantClient merchant,
      String openid,
      String appid,
      String stockId,
      String status,
      int offset,
      int limit) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("appid", appid);
    query.put("creator_mchid", merchant.mchid());
    if (stockId != null) {
      query.put("stock_id", stockId);
    }
    if (status != null) {
      query.put("status", status);
    }
    query.put("offset", String.valueOf(offset));
    query.put("limit", String.valueOf(limit));
    return get(merchant, BASE + UrlEncoder.urlEncode(openid) + "/coupons", query);
  }

  private static JsonObject get(MerchantClient merchant, String path, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "");
    query.forEach((k, v) -> q.add(k + "=" + UrlEncoder.urlEncode(v)));
    HttpHeaders headers = new HttpHeaders();
    headers.addHeader(Constant.ACCEPT, MediaType.APPLICATION_JSON.getValue());
    headers.addHeader(Constant.CONTENT_TYPE, MediaType.APPLICATION_JSON.getValue());
    HttpRequest request =
        new HttpRequest.Builder().httpMethod(HttpMethod.GET).url(path + q).headers(headers).build();
    JsonObject answer = merchant.http().execute(request, JsonObject.class).getServiceResponse();
    return answer == null ? new JsonObject() : answer;
  }
}
