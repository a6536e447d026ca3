package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.workflows.model.CampaignSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code campaigns.workflow.*} is checked at startup and maps onto the workflow's settings. */
class ConfigurationRecordsTest {

  private static WorkflowProperties withNotifyUrl(String url) {
    CampaignSettings d = CampaignSettings.defaults();
    return new WorkflowProperties(
        d.segmentSize(),
        d.segmentParallelism(),
        d.activationLead(),
        d.stockCheckInterval(),
        d.maxRunEvents(),
        d.flowRetryInterval(),
        url);
  }

  @Test
  void unsetKnobsTakeTheWorkflowsDefaults() {
    assertThat(new WorkflowProperties(null, null, null, null, null, null, null).toSettings())
        .isEqualTo(CampaignSettings.defaults());
    assertThat(new WorkflowProperties(10, null, null, null, null, null, null).segmentSize())
        .isEqualTo(10);
  }

  @Test
  void aNotifyUrlWithAQueryOrWithoutSchemeIsRefusedAtStartup() {
    assertThatThrownBy(() -> withNotifyUrl("https://example.com/cb?x=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notify-url");
    assertThatThrownBy(() -> withNotifyUrl("example.com/cb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(withNotifyUrl("  ").notifyUrl()).isNull();
    assertThat(
            withNotifyUrl("https://api.example.com/wechatpay/notifications/coupon")
                .toSettings()
                .notifyUrl())
        .isEqualTo("https://api.example.com/wechatpay/notifications/coupon");
  }

  @Test
  void nonsensicalKnobsAreRefused() {
    assertThatThrownBy(
            () ->
                new WorkflowProperties(
                    0,
                    2,
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(10),
                    3000,
                    Duration.ofMinutes(30),
                    null))
        .hasMessageContaining("segment-size");
    assertThatThrownBy(
            () ->
                new WorkflowProperties(
                    10,
                    2,
                    Duration.ofMinutes(1),
                    Duration.ZERO,
                    3000,
                    Duration.ofMinutes(30),
                    null))
        .hasMessageContaining("stock-check-interval");
  }
}
