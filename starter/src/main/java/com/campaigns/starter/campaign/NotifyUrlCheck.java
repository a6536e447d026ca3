package com.campaigns.starter.campaign;

import com.campaigns.wechatpay.CallbackStanding;
import com.campaigns.wechatpay.NotifyUrlRule;

/**
 * Refuses to start the API with a {@code campaigns.workflow.notify-url} WeChat Pay would refuse: it
 * answers an http URL or one with a query string with a bare "系统繁忙", which a campaign would retry
 * without end. {@code http://127.0.0.1…} and {@code http://localhost…} pass only with {@code
 * campaigns.api.allow-http-notify-url-on-loopback=true}, which the {@code local} profile sets (the
 * local sandbox accepts them).
 */
final class NotifyUrlCheck {

  private NotifyUrlCheck() {}

  static void verify(WorkflowProperties workflow, CampaignApiProperties api) {
    String url = workflow.notifyUrl();
    if (url == null) {
      return;
    }
    NotifyUrlRule.problem(url, api.allowHttpNotifyUrlOnLoopback())
        .ifPresent(
            problem -> {
              throw new IllegalStateException(
                  "campaigns.workflow.notify-url (host "
                      + CallbackStanding.host(url)
                      + ") "
                      + problem
                      + "; http://127.0.0.1… and http://localhost… are accepted only with"
                      + " campaigns.api.allow-http-notify-url-on-loopback=true (the local profile)");
            });
  }
}
