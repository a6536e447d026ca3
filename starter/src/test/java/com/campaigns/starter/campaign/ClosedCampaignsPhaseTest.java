package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.StatusDocument;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run that completed by itself but cannot say how (its result unreadable) keeps the final status
 * the workflow last wrote to the index: cancelled, rejected or expired is not COMPLETED.
 */
class ClosedCampaignsPhaseTest {

  @ParameterizedTest
  @EnumSource(
      value = CampaignPhase.class,
      names = {"CANCELLED", "REJECTED", "EXPIRED"})
  void aCampaignThatEndedWithoutAStockKeepsItsIndexedStatus(CampaignPhase indexed) {
    StatusDocument.Closed completed =
        new StatusDocument.Closed("COMPLETED", "2026-12-01T10:00:00+08:00", null, "run", null);

    assertThat(ClosedCampaigns.phase(completed, entry(indexed.name()), null)).isEqualTo(indexed);
  }

  private static CampaignIndex.Entry entry(String status) {
    return new CampaignIndex.Entry(
        "c1",
        "campaign-c1",
        "1900000001",
        "wx0000000000000001",
        "hash",
        "{}",
        null,
        status,
        null,
        0,
        0,
        0,
        50_000_000,
        "test-marketer",
        OffsetDateTime.now());
  }
}
