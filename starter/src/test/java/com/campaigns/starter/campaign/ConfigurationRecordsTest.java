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
        url,
        d.flowRetryMaxInterval(),
        d.flowDeadline());
  }

  @Test
  void unsetKnobsTakeTheWorkflowsDefaults() {
    assertThat(
            new WorkflowProperties(null, null, null, null, null, null, null, null, null)
                .toSettings())
        .isEqualTo(CampaignSettings.defaults());
    assertThat(
            new WorkflowProperties(10, null, null, null, null, null, null, null, null)
                .segmentSize())
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
                    null,
                    null,
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
                    null,
                    null,
                    null))
        .hasMessageContaining("stock-check-interval");
    assertThatThrownBy(
            () ->
                new WorkflowProperties(
                    10,
                    2,
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(10),
                    3000,
                    Duration.ofHours(2),
                    null,
                    Duration.ofHours(1),
                    null))
        .hasMessageContaining("flow-retry-max-interval");
    assertThatThrownBy(
            () ->
                new WorkflowProperties(
                    10,
                    2,
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(10),
                    3000,
                    Duration.ofMinutes(5),
                    null,
                    null,
                    Duration.ofDays(-1)))
        .hasMessageContaining("flow-deadline");
  }

  @Test
  void theFlowWaitIsConfigurable() {
    CampaignSettings s =
        new WorkflowProperties(
                null,
                null,
                null,
                null,
                null,
                Duration.ofMinutes(2),
                null,
                Duration.ofMinutes(30),
                Duration.ofDays(5))
            .toSettings();
    assertThat(s.flowRetryInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.flowRetryMaxInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(s.flowDeadline()).isEqualTo(Duration.ofDays(5));
    assertThat(CampaignSettings.defaults().flowDeadline()).isEqualTo(Duration.ofDays(3));
    assertThat(CampaignSettings.defaults().flowRetryMaxInterval()).isEqualTo(Duration.ofHours(1));
  }
}
