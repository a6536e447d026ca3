package com.campaigns.worker.metrics;

import com.campaigns.workflows.rules.BudgetGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges per live campaign (RUNNING, PAUSED or ACTIVATING), read from the ledger every {@code
 * campaigns.worker.campaign-gauges.interval}:
 *
 * <ul>
 *   <li>{@code campaigns_campaign_issued_coupons}: coupons issued so far (the ledger, not the
 *       workflow, so it moves while a segment runs);
 *   <li>{@code campaigns_campaign_issue_rate}: coupons per second since the previous reading,
 *       across every worker;
 *   <li>{@code campaigns_campaign_budget_issued_percent} / {@code _used_percent}: issued and used
 *       face value against the stock budget (max_amount).
 * </ul>
 *
 * Every worker exports the same values (they come from the shared ledger): aggregate with {@code
 * max by (campaign_id)}, not {@code sum}. Series of finished campaigns are removed, so the
 * cardinality stays that of the live campaigns.
 */
@Component
@ConditionalOnProperty(value = "campaigns.worker.campaign-gauges.enabled", matchIfMissing = true)
class CampaignGauges {

  private static final Logger log = LoggerFactory.getLogger(CampaignGauges.class);

  private final LiveCampaigns campaigns;
  private final MultiGauge issued;
  private final MultiGauge rate;
  private final MultiGauge issuedPercent;
  private final MultiGauge usedPercent;
  private final Map<String, Reading> previous = new HashMap<>();
  private boolean failing;

  CampaignGauges(LiveCampaigns campaigns, MeterRegistry registry) {
    this.campaigns = campaigns;
    this.issued =
        MultiGauge.builder("campaigns_campaign_issued_coupons")
            .description("coupons issued by a live campaign, from the ledger")
            .register(registry);
    this.rate =
        MultiGauge.builder("campaigns_campaign_issue_rate")
            .baseUnit("coupons_per_second")
            .description("coupons issued per second by a live campaign since the previous reading")
            .register(registry);
    this.issuedPercent =
        MultiGauge.builder("campaigns_campaign_budget_issued_percent")
            .description("issued face value as a percentage of the stock budget")
            .register(registry);
    this.usedPercent =
        MultiGauge.builder("campaigns_campaign_budget_used_percent")
            .description("used (redeemed) face value as a percentage of the stock budget")
            .register(registry);
  }

  private record Reading(long count, long nanos) {}

  @Scheduled(
      initialDelay = 5_000,
      fixedDelayString = "${campaigns.worker.campaign-gauges.interval:10s}")
  void refresh() {
    List<LiveCampaigns.Live> live;
    try {
      live = campaigns.read();
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("campaign gauges not refreshed: {}", e.toString());
      }
      failing = true;
      return;
    }
    long now = System.nanoTime();
    List<MultiGauge.Row<?>> issuedRows = new ArrayList<>();
    List<MultiGauge.Row<?>> rateRows = new ArrayList<>();
    List<MultiGauge.Row<?>> issuedPercentRows = new ArrayList<>();
    List<MultiGauge.Row<?>> usedPercentRows = new ArrayList<>();
    Map<String, Reading> current = new HashMap<>();
    for (LiveCampaigns.Live c : live) {
      Tags tags = Tags.of("campaign_id", c.campaignId(), "mchid", c.mchid());
      Reading before = previous.get(c.campaignId());
      double perSecond = 0;
      if (before != null && now > before.nanos()) {
        perSecond = Math.max(0, c.issuedCount() - before.count()) * 1e9 / (now - before.nanos());
      }
      current.put(c.campaignId(), new Reading(c.issuedCount(), now));
      issuedRows.add(MultiGauge.Row.of(tags, c.issuedCount()));
      rateRows.add(MultiGauge.Row.of(tags, Math.round(perSecond * 10) / 10.0));
      issuedPercentRows.add(
          MultiGauge.Row.of(tags, BudgetGuard.percentOf(c.issuedAmount(), c.maxAmount())));
      usedPercentRows.add(
          MultiGauge.Row.of(tags, BudgetGuard.percentOf(c.usedAmount(), c.maxAmount())));
    }
    previous.clear();
    previous.putAll(current);
    issued.register(issuedRows, true);
    rate.register(rateRows, true);
    issuedPercent.register(issuedPercentRows, true);
    usedPercent.register(usedPercentRows, true);
  }
}
