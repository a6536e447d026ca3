package com.campaigns.activities;

import com.campaigns.sandbox.Sandbox;
import com.campaigns.sandbox.SandboxMerchant;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.MerchantCredentials;
import com.campaigns.wechatpay.WechatPayClientFactory;
import com.campaigns.wechatpay.WechatPayProperties;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The product's SDK client of one of the sandbox's merchants, in public-key mode. */
public final class SandboxMerchantClients {

  private SandboxMerchantClients() {}

  public static MerchantClient client(Sandbox sandbox, String mchid) {
    SandboxMerchant m = sandbox.merchant(mchid);
    MerchantCredentials credentials =
        new MerchantCredentials(
            m.mchid(),
            Set.copyOf(m.appids()),
            m.merchantSerialNumber(),
            m.merchantPrivateKeyPem(),
            m.apiv3Key(),
            m.wechatpayPublicKeyId(),
            m.wechatpayPublicKeyPem(),
            MerchantCredentials.PUBLIC_KEY,
            500,
            m.merchantCertificatePem());
    return new WechatPayClientFactory(
            new WechatPayProperties(
                sandbox.baseUrl(),
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                500,
                List.of()))
        .build(credentials);
  }
}
