package com.campaigns.wechatpay;

/**
 * Why a merchant's credentials cannot be used, naming the merchant, where they came from and the
 * field. Never carries secret material: messages are written by this product, not copied from key
 * parsers.
 *
 * @param mchid the merchant (the folder name for a directory merchant whose files name none)
 * @param source where the credentials come from, e.g. {@code directory
 *     /etc/campaigns/merchants/1900000001}
 * @param field the file or setting at fault, e.g. {@code apiclient_key.pem} or {@code apiv3-key}
 */
public record MerchantProblem(String mchid, String source, String field, String message) {

  @Override
  public String toString() {
    return "merchant " + mchid + " (" + source + "): " + field + ": " + message;
  }
}
