package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Builds the reconciliation report of a campaign from the ledger and the flow rows.
 *
 * @param flowsUnavailable why WeChat Pay's flow files (one or both) are missing after the deadline;
 *     the report is then marked {@code flows_unavailable} and compares only what exists. Null when
 *     both files were downloaded.
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconcileRequest(
    String campaignId,
    String stockId,
    long couponAmount,
    List<String> waveNames,
    String flowsUnavailable) {

  public ReconcileRequest(
      String campaignId, String stockId, long couponAmount, List<String> waveNames) {
    this(campaignId, stockId, couponAmount, waveNames, null);
  }
}
