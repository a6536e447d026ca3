package com.campaigns.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's own settings, {@code campaigns.worker.*}. Temporal's worker tuning (slots, pollers)
 * is set in application.yaml under {@code spring.temporal.workers[0].capacity} from the flat keys
 * {@code campaigns.worker.activity-slots} and friends, documented in docs/deployment.md.
 *
 * @param registerSearchAttributes add CampaignId, CampaignStatus, StockId and Mchid (Keyword) to
 *     the namespace at startup when they are missing; needs operator rights on the namespace, so it
 *     is off in production (register them once, see docs/deployment.md) and on in the local profile
 * @param eagerActivities let the worker that completes a workflow task run the activities it
 *     schedules (the SDK's default); off, so that a campaign's segments spread over every worker
 * @param campaignGauges per-campaign gauges of the issuance rate and the budget used
 */
@ConfigurationProperties("campaigns.worker")
public record WorkerSettings(
    @DefaultValue("false") boolean registerSearchAttributes,
    @DefaultValue("false") boolean eagerActivities,
    @DefaultValue CampaignGauges campaignGauges) {

  /**
   * @param enabled export campaigns_campaign_* gauges for RUNNING and PAUSED campaigns
   * @param interval how often the ledger is read for them (two reads per active campaign)
   */
  public record CampaignGauges(
      @DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration interval) {}
}
