package com.campaigns.starter.system;

import com.campaigns.activities.audience.AudienceConfiguration;
import com.campaigns.activities.codec.CodecConfiguration;
import com.campaigns.activities.ledger.LedgerConfiguration;
import com.campaigns.activities.wechat.WechatPayConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The parts of the activities module the API uses: the ledger repositories, the audience store and
 * the merchants' SDK clients (for notification verification and spec validation), and the payload
 * codec (the same encryption as the workers', for the client and the codec endpoint). Imported one
 * by one rather than scanned, so no activity implementation or sandbox bean enters this
 * application.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  LedgerConfiguration.class,
  AudienceConfiguration.class,
  WechatPayConfiguration.class,
  CodecConfiguration.class
})
class ActivitiesImports {}
