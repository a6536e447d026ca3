package com.campaigns.starter.campaign;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code campaigns.approval.*}: four-eyes approval. A campaign whose budget (fen) is above its
 * merchant's threshold waits for another person with the approver role before anything reaches
 * WeChat Pay. Off unless configured; the threshold in force at the start travels in the workflow
 * input, so changing it affects new campaigns only. Checked at startup.
 *
 * @param thresholds per merchant: {@code campaigns.approval.thresholds.<mchid>=<fen>}
 * @param defaultThreshold for merchants not listed; unset: they need no approval
 */
@ConfigurationProperties("campaigns.approval")
public record ApprovalProperties(Map<String, Long> thresholds, Long defaultThreshold) {

  public ApprovalProperties {
    thresholds = thresholds == null ? Map.of() : Map.copyOf(new TreeMap<>(thresholds));
    for (Map.Entry<String, Long> t : thresholds.entrySet()) {
      if (!t.getKey().matches("[0-9]{1,32}")) {
        throw new IllegalArgumentException(
            "campaigns.approval.thresholds: '" + t.getKey() + "' is not a merchant id (mchid)");
      }
      if (t.getValue() == null || t.getValue() < 0) {
        throw new IllegalArgumentException(
            "campaigns.approval.thresholds."
                + t.getKey()
                + " must be an amount in fen, 0 or more (0: every campaign needs approval)");
      }
    }
    if (defaultThreshold != null && defaultThreshold < 0) {
      throw new IllegalArgumentException(
          "campaigns.approval.default-threshold must be an amount in fen, 0 or more");
    }
  }

  /** The merchant's threshold in fen; null when its campaigns need no approval. */
  public Long thresholdFor(String mchid) {
    return thresholds.getOrDefault(mchid, defaultThreshold);
  }
}
