package com.campaigns.worker;

import com.campaigns.wechatpay.CallbackStanding;
import com.campaigns.wechatpay.NotifyUrlRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The worker has no notify URL of its own: each campaign carries the API's {@code
 * campaigns.workflow.notify-url}. When the environment gives the worker one anyway (the API's
 * {@code CAMPAIGNS_WORKFLOW_NOTIFY_URL} from a shared env file), it is checked as the API checks
 * it, so a URL WeChat Pay answers "系统繁忙" to is refused at deploy time by every process.
 */
@Component
class NotifyUrlGuard {

  NotifyUrlGuard(
      @Value("${campaigns.workflow.notify-url:}") String notifyUrl,
      @Value("${campaigns.api.allow-http-notify-url-on-loopback:false}")
          boolean allowHttpLoopback) {
    if (notifyUrl == null || notifyUrl.isBlank()) {
      return;
    }
    NotifyUrlRule.problem(notifyUrl, allowHttpLoopback)
        .ifPresent(
            problem -> {
              throw new IllegalStateException(
                  "campaigns.workflow.notify-url (host "
                      + CallbackStanding.host(notifyUrl)
                      + ") "
                      + problem
                      + "; http://127.0.0.1… and http://localhost… are accepted only with"
                      + " campaigns.api.allow-http-notify-url-on-loopback=true (the local profile)."
                      + " The worker does not use it (campaigns carry the API's) but refuses it as"
                      + " the API does");
            });
  }
}
