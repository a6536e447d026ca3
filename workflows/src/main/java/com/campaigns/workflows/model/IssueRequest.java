package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Issue coupons to the recipients {@code [fromSeq, toSeq)} of a wave's audience.
 *
 * @param outRequestNoPrefix campaign-derived prefix; the activity appends a per-(wave, openid) hash
 * @param ratePerSecond the wave's rate; 0 for the merchant's ceiling
 * @param issueCap the segment may hold at most this many issued coupons in the ledger when the
 *     activity stops (absolute, so a retried attempt can never exceed it); -1 for no cap
 * @param startStagger how long the first attempt waits before its first send, as a fraction of the
 *     time the segment takes at its rate: segments of a wave launched together start staggered, so
 *     they also end staggered and the wave's rate never waits for a whole round to be replaced
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssueRequest(
    String campaignId,
    String mchid,
    String appid,
    String stockId,
    int waveIndex,
    String audienceId,
    long fromSeq,
    long toSeq,
    long couponAmount,
    int ratePerSecond,
    long issueCap,
    String outRequestNoPrefix,
    double startStagger) {}
