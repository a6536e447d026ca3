package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The API refuses to start with a notify URL WeChat Pay answers "系统繁忙" to (http, a query string),
 * which a campaign would otherwise retry without end; http on loopback only where the local
 * profile's switch allows it.
 */
class NotifyUrlCheckTest {

  final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(CampaignConfiguration.class);

  @Test
  void anHttpsUrlStarts() {
    runner
        .withPropertyValues(
            "campaigns.workflow.notify-url=https://campaigns.example.com/wechatpay/notifications/coupon")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void noUrlStartsAndCampaignsLeaveTheCallbackAlone() {
    runner.run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void anHttpUrlIsRefusedNamingTheSetting() {
    runner
        .withPropertyValues(
            "campaigns.workflow.notify-url=http://campaigns.example.com/wechatpay/notifications/coupon")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("campaigns.workflow.notify-url")
                    .hasMessageContaining("https"));
  }

  @Test
  void anHttpUrlOnAnotherHostIsRefusedEvenWithTheLocalSwitch() {
    runner
        .withPropertyValues(
            "campaigns.workflow.notify-url=http://10.0.0.5:8080/wechatpay/notifications/coupon",
            "campaigns.api.allow-http-notify-url-on-loopback=true")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("campaigns.workflow.notify-url"));
  }

  @Test
  void httpOnLoopbackStartsOnlyWithTheLocalProfilesSwitch() {
    String url =
        "campaigns.workflow.notify-url=http://127.0.0.1:8080/wechatpay/notifications/coupon";
    runner
        .withPropertyValues(url)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("campaigns.workflow.notify-url")
                    .hasMessageContaining("allow-http-notify-url-on-loopback"));
    runner
        .withPropertyValues(url, "campaigns.api.allow-http-notify-url-on-loopback=true")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void theLocalProfileOfApplicationYamlStartsAndTheDefaultRefusesItsUrl() {
    ApplicationContextRunner withYaml =
        runner.withInitializer(new ConfigDataApplicationContextInitializer());
    withYaml
        .withPropertyValues("spring.profiles.active=local")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(WorkflowProperties.class).notifyUrl())
                  .startsWith("http://127.0.0.1:");
            });
    withYaml
        .withPropertyValues(
            "campaigns.workflow.notify-url=http://127.0.0.1:8080/wechatpay/notifications/coupon")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("campaigns.workflow.notify-url"));
  }

  @Test
  void aQueryStringIsRefusedNamingTheSetting() {
    runner
        .withPropertyValues(
            "campaigns.workflow.notify-url=https://campaigns.example.com/n?merchant=1900000001",
            "campaigns.api.allow-http-notify-url-on-loopback=true")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("notify-url")
                    .hasMessageContaining("query string"));
  }
}
