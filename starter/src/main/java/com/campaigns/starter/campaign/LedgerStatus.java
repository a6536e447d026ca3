package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.CouponUses;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.IssuanceLedger.WaveCounts;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.WavePhase;
import com.campaigns.workflows.model.WaveSpec;
import com.campaigns.workflows.rules.BudgetGuard;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The status document of a campaign whose workflow cannot answer for itself (terminated or timed
 * out mid-wave, or closed with no worker to replay it): identity and budget from the campaign
 * index, waves from the stored spec, counts from the issuance ledger and the COUPON.USE records,
 * which both apps share. Waves whose every recipient has a final outcome are DONE, the others
 * CANCELLED: nothing will issue them any more.
 */
@Component
record LedgerStatus(IssuanceLedger issuance, CouponUses uses, CampaignStarts starts) {

  private static final ObjectMapper SPEC_JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The totals the campaign index keeps for a settled campaign. */
  record Totals(long issuedCount, long issuedAmount, long usedAmount) {}

  Totals totals(String campaignId) {
    long count = 0;
    long amount = 0;
    for (WaveCounts w : issuance.countsByWave(campaignId).values()) {
      count += w.issuedCount();
      amount += w.issuedAmount();
    }
    return new Totals(count, amount, uses.totals(campaignId).amount());
  }

  StatusDocument document(
      CampaignIndex.Entry entry,
      CampaignPhase phase,
      StatusDocument.Closed closed,
      String stockStatus) {
    String campaignId = entry.campaignId();
    Map<Integer, WaveCounts> counts = issuance.countsByWave(campaignId);
    List<StatusDocument.Wave> waves = new ArrayList<>();
    List<WaveSpec> specWaves = specWaves(entry);
    long issuedCount = 0;
    long issuedAmount = 0;
    Map<String, Long> rejectedByCode = new TreeMap<>();
    for (WaveCounts w : counts.values()) {
      issuedCount += w.issuedCount();
      issuedAmount += w.issuedAmount();
      w.rejectedByCode().forEach((code, n) -> rejectedByCode.merge(code, n, Long::sum));
    }
    for (int i = 0; i < specWaves.size(); i++) {
      WaveSpec spec = specWaves.get(i);
      WaveCounts c = counts.getOrDefault(i, new WaveCounts(i, 0, 0, Map.of(), 0));
      long recipients = recipients(spec);
      boolean done = recipients > 0 && c.issuedCount() + c.rejected() >= recipients;
      waves.add(
          new StatusDocument.Wave(
              spec.name(),
              done ? WavePhase.DONE : WavePhase.CANCELLED,
              spec.startAt(),
              recipients,
              c.issuedCount(),
              c.rejected(),
              c.failed()));
    }
    CouponUses.Totals used = uses.totals(campaignId);
    long rejected = rejectedByCode.values().stream().mapToLong(Long::longValue).sum();
    StatusDocument.Closed fromLedger =
        new StatusDocument.Closed(
            closed.executionStatus(),
            closed.closeTime(),
            closed.reason(),
            closed.runId(),
            "ledger");
    return new StatusDocument(
        campaignId,
        entry.workflowId() != null ? entry.workflowId() : TemporalNames.workflowId(campaignId),
        entry.mchid(),
        phase,
        null,
        entry.stockId(),
        stockStatus,
        new StatusDocument.Tally(issuedCount, issuedAmount),
        new StatusDocument.Tally(used.count(), used.amount()),
        new StatusDocument.Rejected(rejected, rejectedByCode),
        new StatusDocument.Budget(
            entry.maxAmount(),
            BudgetGuard.percentOf(issuedAmount, entry.maxAmount()),
            BudgetGuard.percentOf(used.amount(), entry.maxAmount())),
        waves,
        null,
        null,
        null,
        List.of(
            new StatusDocument.HistoryEntry(
                closed.closeTime(), closed.executionStatus(), closed.reason())),
        fromLedger);
  }

  private long recipients(WaveSpec wave) {
    try {
      return starts.recipients(wave);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** The waves of the stored spec; none for a campaign started outside the API. */
  private static List<WaveSpec> specWaves(CampaignIndex.Entry entry) {
    try {
      CampaignSpec spec = SPEC_JSON.readValue(entry.specJson(), CampaignSpec.class);
      return spec.waves() == null ? List.of() : spec.waves();
    } catch (Exception e) {
      return List.of();
    }
  }
}
