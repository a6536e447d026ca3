package com.campaigns.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A notify URL given to the worker is refused as the API refuses it; none is the usual case. */
class NotifyUrlGuardTest {

  final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(NotifyUrlGuard.class);

  @Test
  void withoutANotifyUrlTheWorkerStarts() {
    runner.run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void anHttpsNotifyUrlStarts() {
    runner
        .withPropertyValues(
            "campaigns.workflow.notify-url=https://campaigns.example.com/wechatpay/notifications/coupon")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void anHttpOrQueryStringNotifyUrlIsRefusedNamingTheSetting() {
    for (String url :
        new String[] {
          "http://campaigns.example.com/wechatpay/notifications/coupon",
          "https://campaigns.example.com/wechatpay/notifications/coupon?merchant=1",
          "http://127.0.0.1:8080/wechatpay/notifications/coupon"
        }) {
      runner
          .withPropertyValues("campaigns.workflow.notify-url=" + url)
          .run(
              context ->
                  assertThat(context)
                      .getFailure()
                      .rootCause()
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageContaining("campaigns.workflow.notify-url")
                      .hasMessageNotContaining("merchant=1"));
    }
  }

  @Test
  void httpOnLoopbackStartsWithTheLocalProfilesSwitch() {
    runner
        .withPropertyValues(
            "campaigns.workflow.notify-url=http://127.0.0.1:8080/wechatpay/notifications/coupon",
            "campaigns.api.allow-http-notify-url-on-loopback=true")
        .run(context -> assertThat(context).hasNotFailed());
  }
}
