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
 * @param versioning Worker Versioning: the deployment version this worker polls as
 */
@ConfigurationProperties("campaigns.worker")
public record WorkerSettings(
    @DefaultValue("false") boolean registerSearchAttributes,
    @DefaultValue("false") boolean eagerActivities,
    @DefaultValue CampaignGauges campaignGauges,
    @DefaultValue Versioning versioning) {

  /**
   * @param enabled export campaigns_campaign_* gauges for RUNNING and PAUSED campaigns
   * @param interval how often the ledger is read for them (two reads per active campaign)
   */
  public record CampaignGauges(
      @DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration interval) {}

  /**
   * Worker Versioning (docs/operations.md, "Deploying a workflow change"). On, the worker polls as
   * deployment version {@code deploymentName:buildId}; running campaigns move to the deployment's
   * current version at their next workflow task (auto-upgrade), so every change of the workflow's
   * commands is patched with {@code Workflow.getVersion} (workflows/README.md).
   *
   * @param enabled poll as a deployment version; off, the worker is unversioned (the embedded test
   *     server, which has no worker deployments)
   * @param deploymentName the Worker Deployment every campaign worker belongs to
   * @param buildId this build's id; the default is the project version baked in at build time
   */
  public record Versioning(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("campaigns-worker") String deploymentName,
      @DefaultValue("unknown") String buildId) {

    public Versioning {
      if (enabled && (deploymentName == null || deploymentName.isBlank())) {
        throw new IllegalArgumentException("campaigns.worker.versioning.deployment-name is blank");
      }
      if (enabled && (buildId == null || buildId.isBlank() || "unknown".equals(buildId))) {
        throw new IllegalArgumentException(
            "campaigns.worker.versioning.build-id is not set (the build bakes in the project version)");
      }
    }

    /** The canonical {@code name:buildId}, as the Temporal CLI and Web UI show it. */
    public String version() {
      return deploymentName + ":" + buildId;
    }
  }
}
