package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Downloads one flow file (use or refund) of a stock and stores its rows.
 *
 * @param knownUsedCount the redemptions the workflow knows of (COUPON.USE notifications, through
 *     usage signals and stock checks). Set by workflows that wait visibly for the files: a 404 is
 *     then read as "no rows" only if neither this count nor the ledger knows of a redemption. Null
 *     from older workflows, which read every 404 as "no rows".
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowRequest(String campaignId, String mchid, String stockId, Long knownUsedCount) {

  public FlowRequest(String campaignId, String mchid, String stockId) {
    this(campaignId, mchid, stockId, null);
  }
}
