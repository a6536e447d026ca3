package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavePlannerTest {

  static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");

  @Test
  void segmentsCoverTheAudienceWithoutGapOrOverlap() {
    List<WavePlanner.Segment> segments = WavePlanner.segments(12_345, 5_000);
    assertThat(segments)
        .extracting(WavePlanner.Segment::fromSeq)
        .containsExactly(0L, 5_000L, 10_000L);
    assertThat(segments)
        .extracting(WavePlanner.Segment::toSeq)
        .containsExactly(5_000L, 10_000L, 12_345L);
    assertThat(WavePlanner.segmentCount(12_345, 5_000)).isEqualTo(3);
    assertThat(WavePlanner.segments(0, 5_000)).isEmpty();
  }

  @Test
  void segmentsOfARoundAreStaggeredByAShareOfASegment() {
    assertThat(WavePlanner.stagger(0, 2)).isZero();
    assertThat(WavePlanner.stagger(1, 2)).isEqualTo(0.5);
    assertThat(
            List.of(
                WavePlanner.stagger(0, 4),
                WavePlanner.stagger(1, 4),
                WavePlanner.stagger(2, 4),
                WavePlanner.stagger(3, 4)))
        .containsExactly(0.0, 0.25, 0.5, 0.75);
    assertThat(WavePlanner.stagger(0, 1)).isZero();
  }

  @Test
  void wavesRunInStartOrderThenSpecOrder() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    Instant t = NOW.plus(Duration.ofHours(2));
    var waves =
        List.of(
            CampaignSpecs.wave("late", t.plus(Duration.ofHours(1)), AudienceSpec.ofId("a"), null),
            CampaignSpecs.wave("early", t, AudienceSpec.ofId("b"), null),
            CampaignSpecs.wave("early-too", t, AudienceSpec.ofId("c"), null));
    assertThat(WavePlanner.runOrder(waves)).containsExactly(1, 2, 0);
    assertThat(WavePlanner.runOrder(base.waves())).containsExactly(0, 1);
  }

  @Test
  void rateDefaultsToAndIsCappedByTheMerchantCeiling() {
    var wave = CampaignSpecs.wave("w", NOW, AudienceSpec.ofId("a"), null);
    assertThat(WavePlanner.rate(wave, 500)).isEqualTo(500);
    assertThat(WavePlanner.rate(wave, 120)).isEqualTo(120);
    assertThat(WavePlanner.rate(wave, 1000)).isEqualTo(1000);
    assertThat(WavePlanner.rate(CampaignSpecs.wave("w", NOW, AudienceSpec.ofId("a"), 200), 500))
        .isEqualTo(200);
  }

  @Test
  void planShowsThresholdsInFenAndRecipientsPerWave() {
    CampaignSpec spec = CampaignSpecs.sample(NOW);
    WavePlanner.Plan plan =
        WavePlanner.plan(spec, i -> i == 0 ? 10L : 1_000L, 5_000, 500, Duration.ofMinutes(1));
    assertThat(plan.maxAmount()).isEqualTo(500_000);
    assertThat(plan.totalRecipients()).isEqualTo(1_010);
    assertThat(plan.waves())
        .extracting(WavePlanner.PlannedWave::recipients)
        .containsExactly(10L, 1_000L);
    assertThat(plan.waves().get(0).ratePerSecond()).isEqualTo(200);
    assertThat(plan.thresholds().get(0).amount()).isEqualTo(400_000);
    assertThat(plan.thresholds().get(0).issuedCount()).isEqualTo(800);
    assertThat(plan.warnings()).hasSize(1);
  }

  @Test
  void flowsAreFirstTriedAtTenTheDayAfterTheEndUnlessOverridden() {
    CampaignSpec spec = CampaignSpecs.sample(NOW);
    Instant end = Instant.parse("2026-12-31T15:59:59Z"); // 23:59:59 +08:00
    assertThat(WavePlanner.flowsReadyAt(spec, end))
        .isEqualTo(Instant.parse("2027-01-01T02:00:00Z"));
    CampaignSpec quick =
        new CampaignSpec(
            spec.campaignId(),
            spec.mchid(),
            spec.appid(),
            spec.stock(),
            spec.waves(),
            spec.budgetGuard(),
            new FlowSpec(true, "PT10S"));
    assertThat(WavePlanner.flowsReadyAt(quick, end)).isEqualTo(end.plusSeconds(10));
  }
}
