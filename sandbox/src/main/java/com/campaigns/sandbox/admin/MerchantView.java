package com.campaigns.sandbox.admin;

import com.campaigns.sandbox.merchant.Merchant;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Everything a client needs to call the sandbox as this merchant; absent keys are explicit nulls. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MerchantView(
    String mchid,
    List<String> appids,
    String merchantSerialNumber,
    String merchantPrivateKeyPem,
    String apiv3Key,
    String wechatpayPublicKeyId,
    String wechatpayPublicKeyPem,
    String platformCertificateSerial,
    String platformCertificatePem) {

  public static MerchantView ofMerchant(Merchant merchant) {
    var c = merchant.credentials();
    return new MerchantView(
        merchant.mchid(),
        merchant.appids(),
        c.merchantSerialNumber(),
        c.merchantPrivateKeyPem(),
        c.apiv3Key(),
        c.wechatpayPublicKeyId(),
        c.wechatpayPublicKeyPem(),
        c.platformCertificateSerial(),
        c.platformCertificatePem());
  }
}
