package com.campaigns.e2e.chaos;

import com.campaigns.e2e.support.CampaignPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One randomized campaign of the fault campaign: what was planned, what was done to it, what it
 * ended as.
 */
final class ChaosRun {

  final int number;
  final CampaignPlan plan;
  final Integer thresholdPercent;

  /** Started through the API with the lowest history threshold, so that it continues as new. */
  final boolean lowHistory;

  /**
   * Disruptions that hit while this campaign ran (the round's, plus its own pauses and
   * notifications).
   */
  final Set<String> disruptions = Collections.synchronizedSet(new LinkedHashSet<>());

  /** Coupons shoppers used (sandbox redemptions), each of which must be counted once. */
  final Set<String> redeemed = new LinkedHashSet<>();

  final List<String> problems = new ArrayList<>();

  String stockId;
  String finalStatus = "?";
  long sandboxCoupons;
  long duplicates;
  long missing;
  long statusIssued;
  long statusUsed;
  int thresholdPauses;
  int otherPauses;

  /**
   * An ops pause was sent but its answer never came (the API slow or unavailable): it hit the run
   * if the run is then seen paused by hand.
   */
  volatile boolean opsPauseUnanswered;

  int notificationsRedelivered;
  long usedAmount;
  int continuedAsNew;

  /** Written by the driver's polls, read by the processes' thread when it credits a disruption. */
  volatile boolean done;

  java.time.Instant firstCoupon;
  java.time.Instant lastCoupon;

  ChaosRun(int number, CampaignPlan plan, Integer thresholdPercent, boolean lowHistory) {
    this.number = number;
    this.plan = plan;
    this.thresholdPercent = thresholdPercent;
    this.lowHistory = lowHistory;
  }

  boolean passed() {
    return problems.isEmpty() && duplicates == 0 && missing == 0;
  }
}
