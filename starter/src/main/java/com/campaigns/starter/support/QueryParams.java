package com.campaigns.starter.support;

import com.campaigns.starter.system.RequestRejected;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import java.util.regex.Pattern;

/** Query and path parameters checked before any call, each refusal naming its parameter. */
final class QueryParams {

  /** openids, as audiences accept them. */
  static final Pattern OPENID = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");

  /**
   * Stock and coupon ids (WeChat Pay: up to 20 digits; a little more room, nothing that needs
   * escaping).
   */
  static final Pattern ID = Pattern.compile("^[A-Za-z0-9]{1,32}$");

  static final Pattern MCHID = Pattern.compile("^[0-9]{1,20}$");
  static final Pattern APPID = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");

  private QueryParams() {}

  static int integer(String name, String value, int defaultValue, int min, int max) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw invalid(name, "must be a whole number between " + min + " and " + max);
    }
    if (n < min || n > max) {
      throw invalid(name, "must be between " + min + " and " + max);
    }
    return n;
  }

  static String matching(String name, String value, Pattern pattern, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw invalid(name, "is required");
      }
      return null;
    }
    if (!pattern.matcher(value).matches()) {
      throw invalid(name, "is not a valid " + name);
    }
    return value;
  }

  /** The merchant a {@code mchid} parameter names; 404 when it is not configured here. */
  static MerchantClient merchant(WechatMerchants merchants, String mchid) {
    matching("mchid", mchid, MCHID, true);
    return merchants.find(mchid).orElseThrow(() -> RequestRejected.unknownMerchant(mchid));
  }

  static RequestRejected invalid(String name, String problem) {
    return RequestRejected.badRequest("invalid_request", name + " " + problem);
  }
}
