package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code campaigns.approval.*}: off by default, per merchant, checked at startup. */
class ApprovalPropertiesTest {

  @Test
  void unsetMeansNoMerchantNeedsApproval() {
    assertThat(new ApprovalProperties(null, null).thresholdFor("1900000001")).isNull();
  }

  @Test
  void aMerchantsOwnThresholdBeatsTheDefault() {
    ApprovalProperties p = new ApprovalProperties(Map.of("1900000001", 10_000_000L), 50_000L);
    assertThat(p.thresholdFor("1900000001")).isEqualTo(10_000_000L);
    assertThat(p.thresholdFor("1900000002")).isEqualTo(50_000L);
    assertThat(new ApprovalProperties(Map.of("1900000001", 0L), null).thresholdFor("1900000002"))
        .isNull();
  }

  @Test
  void aNegativeAmountOrAKeyThatIsNoMerchantIdIsRefused() {
    assertThatThrownBy(() -> new ApprovalProperties(Map.of("1900000001", -1L), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("campaigns.approval.thresholds.1900000001");
    assertThatThrownBy(() -> new ApprovalProperties(Map.of("acme", 100L), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'acme' is not a merchant id");
    assertThatThrownBy(() -> new ApprovalProperties(Map.of(), -5L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default-threshold");
  }
}
