package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.WaveSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartChecksTest {

  static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

  @Test
  void aValidSpecWithStoredAudiencesStarts() {
    assertThat(StartChecks.violations(CampaignSpecs.sample(NOW), NOW)).isEmpty();
  }

  @Test
  void inlineOpenidsMustHaveBeenStoredAsAnAudienceFirst() {
    CampaignSpec spec = CampaignSpecs.sample(NOW);
    List<WaveSpec> waves =
        List.of(
            spec.waves().get(0),
            spec.waves().get(1).withAudience(new AudienceSpec(List.of("o1", "o2"), null)));
    assertThat(StartChecks.violations(spec.withWaves(waves), NOW))
        .extracting(Violation::field)
        .contains("waves[1].audience.openids");
  }

  @Test
  void theApisCheckIsRepeatedWithGraceForTheDelayBeforeTheStart() {
    CampaignSpec spec = CampaignSpecs.sample(NOW);
    // Validated at NOW by the API; the workflow starts 20 minutes later, when begin is 40 minutes
    // away.
    assertThat(StartChecks.violations(spec, NOW.plus(Duration.ofMinutes(20)))).isEmpty();
    assertThat(
            StartChecks.violations(
                spec, NOW.plus(StartChecks.START_GRACE).plus(Duration.ofHours(2))))
        .isNotEmpty();
  }

  @Test
  void aWorkflowNeedsACampaignId() {
    assertThat(StartChecks.violations(CampaignSpecs.sample(NOW).withCampaignId(null), NOW))
        .extracting(Violation::field)
        .contains("campaign_id");
  }
}
