package com.campaigns.starter.system;

import com.campaigns.codec.CodecConfiguration;
import com.campaigns.ledger.LedgerConfiguration;
import com.campaigns.ledger.audience.AudienceConfiguration;
import com.campaigns.wechatpay.WechatPayConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What the API shares with the worker: the ledger repositories and the audience store (module
 * {@code ledger}), the merchants' SDK clients and the {@code merchants} health component (module
 * {@code wechatpay}, for notification verification and spec validation), and the payload codec
 * (module {@code codec}: the same encryption as the workers', for the client and the codec
 * endpoint). Imported one by one rather than scanned, so no sandbox bean enters this application;
 * no activity implementation is on its classpath.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  LedgerConfiguration.class,
  AudienceConfiguration.class,
  WechatPayConfiguration.class,
  CodecConfiguration.class
})
class ModuleConfigurations {}
