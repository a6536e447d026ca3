package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.WaveSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec checks a workflow makes when it starts: the API's checks again (the spec may come from
 * elsewhere, e.g. the CLI), plus what only a started workflow requires.
 */
public final class StartChecks {

  /** Tolerates the delay between the API's check and the workflow's start. */
  static final Duration START_GRACE = Duration.ofMinutes(30);

  private StartChecks() {}

  /** Every violation; audiences are stored by the API, so their ids are taken as existing. */
  public static List<Violation> violations(CampaignSpec spec, Instant runStartedAt) {
    List<Violation> violations =
        new ArrayList<>(
            SpecValidator.validate(
                spec,
                SpecValidator.Context.at(runStartedAt.minus(START_GRACE)).withAudiences(id -> 1L)));
    if (spec.waves() != null) {
      for (int i = 0; i < spec.waves().size(); i++) {
        WaveSpec w = spec.waves().get(i);
        if (w != null && w.audience() != null && w.audience().openids() != null) {
          violations.add(
              new Violation(
                  "waves[" + i + "].audience.openids",
                  "inline openids must be stored as an audience before the workflow starts"));
        }
      }
    }
    if (spec.campaignId() == null) {
      violations.add(new Violation("campaign_id", "is required to start the workflow"));
    }
    return violations;
  }
}
