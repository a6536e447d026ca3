package com.campaigns.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.IssuanceLedger.Outcome;
import com.campaigns.ledger.LedgerConfiguration.Ledger;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.model.SegmentTotals;
import com.campaigns.workflows.model.StatusRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's behaviour, stated once and run on every supported database (H2 always, PostgreSQL in
 * the {@code postgres} profile of the test command).
 */
abstract class LedgerContract {

  Ledger ledger;

  abstract DataSource dataSource();

  @BeforeEach
  void migrate() {
    ledger = Ledger.over(dataSource());
  }

  static Outcome issued(String campaign, long seq, String couponId) {
    return new Outcome(
        campaign,
        0,
        seq,
        "o" + seq,
        campaign + "-k" + seq,
        "S1",
        IssuanceLedger.ISSUED,
        couponId,
        null,
        null,
        500);
  }

  static Outcome rejected(String campaign, long seq, String code) {
    return new Outcome(
        campaign,
        0,
        seq,
        "o" + seq,
        campaign + "-k" + seq,
        "S1",
        IssuanceLedger.REJECTED,
        null,
        code,
        "no",
        0);
  }

  static Outcome failed(String campaign, long seq) {
    return new Outcome(
        campaign,
        0,
        seq,
        "o" + seq,
        campaign + "-k" + seq,
        "S1",
        IssuanceLedger.FAILED,
        null,
        "ODD",
        "?",
        0);
  }

  @Test
  void recordingTheSameAnswerTwiceKeepsOneRow() {
    String c = camp();
    ledger.issuance().record(List.of(issued(c, 0, "C0"), issued(c, 1, "C1")));
    ledger.issuance().record(List.of(issued(c, 0, "C0")));
    assertThat(ledger.issuance().outcomes(c, 0)).hasSize(2);
    assertThat(ledger.issuance().totals(c, 0, 0, 10).issued()).isEqualTo(2);
  }

  @Test
  void anIssuedCouponIsNeverOverwrittenByALateRefusal() {
    String c = camp();
    ledger.issuance().record(List.of(issued(c, 0, "C0")));
    ledger.issuance().record(List.of(rejected(c, 0, "RULE_LIMIT")));
    Outcome row = ledger.issuance().outcomes(c, 0).get(0);
    assertThat(row.status()).isEqualTo(IssuanceLedger.ISSUED);
    assertThat(row.couponId()).isEqualTo("C0");
  }

  @Test
  void aFailedRecipientIsNotFinalAndCanBeIssuedLater() {
    String c = camp();
    ledger.issuance().record(List.of(failed(c, 0), rejected(c, 1, "RULE_LIMIT")));
    assertThat(ledger.issuance().finalOutcomes(c, 0, 0, 10)).containsOnlyKeys(1L);
    ledger.issuance().record(List.of(issued(c, 0, "C0")));
    assertThat(ledger.issuance().finalOutcomes(c, 0, 0, 10)).containsOnlyKeys(0L, 1L);
  }

  @Test
  void totalsArePerSegmentAndByCode() {
    String c = camp();
    List<Outcome> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(
          i % 5 == 0
              ? rejected(c, i, i % 10 == 0 ? "RULE_LIMIT" : "USER_ACCOUNT_ABNORMAL")
              : issued(c, i, "C" + i));
    }
    rows.add(failed(c, 25));
    ledger.issuance().record(rows);
    List<SegmentTotals> segments = ledger.issuance().waveTotals(c, 0, 26, 10);
    assertThat(segments).hasSize(3);
    assertThat(segments.get(0).issued()).isEqualTo(8);
    assertThat(segments.get(0).rejectedByCode())
        .containsEntry("RULE_LIMIT", 1L)
        .containsEntry("USER_ACCOUNT_ABNORMAL", 1L);
    assertThat(segments.get(2).failed()).isEqualTo(1);
    assertThat(ledger.issuance().totals(c, 0, 0, 26).rejected()).isEqualTo(5);
  }

  @Test
  void theAmountIssuedSinceAnInstantCountsOnlyTheCampaignsIssuedCouponsOfTheStock() {
    String c = camp();
    Instant before = Instant.now().minusSeconds(1);
    ledger
        .issuance()
        .record(
            List.of(
                issued(c, 0, c + "C0"),
                issued(c, 1, c + "C1"),
                rejected(c, 2, "INVALID_REQUEST"),
                failed(c, 3)));
    ledger.issuance().record(List.of(issued(camp(), 0, c + "other")));
    assertThat(ledger.issuance().issuedAmountSince(c, "S1", before)).isEqualTo(1_000);
    assertThat(ledger.issuance().issuedAmountSince(c, "S2", before)).isZero();
    assertThat(ledger.issuance().issuedAmountSince(c, "S1", Instant.now().plusSeconds(60)))
        .isZero();
  }

  @Test
  void couponUseIsRecordedOncePerNotificationAndPerCoupon() {
    String c = camp();
    assertThat(
            ledger
                .uses()
                .record(new CouponUses.Use("EV-1", c + "C1", "S1", c, 500, null, null, null), "{}"))
        .isTrue();
    assertThat(
            ledger
                .uses()
                .record(new CouponUses.Use("EV-1", c + "C1", "S1", c, 500, null, null, null), "{}"))
        .isFalse();
    assertThat(
            ledger
                .uses()
                .record(new CouponUses.Use("EV-2", c + "C1", "S1", c, 500, null, null, null), "{}"))
        .isFalse();
    assertThat(ledger.uses().totals(c)).isEqualTo(new CouponUses.Totals(1, 500));
  }

  @Test
  void usesOfAStockCountTheCampaignsAndThoseNoCampaignClaimed() {
    String c = camp();
    String stock = c + "S";
    assertThat(ledger.uses().countOfStock(c, stock)).isZero();
    ledger
        .uses()
        .record(
            new CouponUses.Use("EV-" + c + "1", c + "C1", stock, c, 500, null, null, null), "{}");
    ledger
        .uses()
        .record(
            new CouponUses.Use("EV-" + c + "2", c + "C2", stock, null, 500, null, null, null),
            "{}");
    ledger
        .uses()
        .record(
            new CouponUses.Use("EV-" + c + "3", c + "C3", c + "T", null, 500, null, null, null),
            "{}");
    assertThat(ledger.uses().countOfStock(c, stock)).isEqualTo(2);
  }

  @Test
  void issuedAndUsedAreCountedPerMinute() {
    String c = camp();
    long before = System.currentTimeMillis() / 60_000;
    ledger
        .issuance()
        .record(
            List.of(
                issued(c, 0, c + "-C0"), issued(c, 1, c + "-C1"), rejected(c, 2, "RULE_LIMIT")));
    ledger
        .uses()
        .record(new CouponUses.Use(c + "-N0", c + "-C0", "S1", c, 500, null, null, null), "{}");
    long after = System.currentTimeMillis() / 60_000;

    List<IssuanceLedger.MinuteTotals> issued = ledger.issuance().issuedPerMinute(c);
    List<IssuanceLedger.MinuteTotals> used = ledger.uses().usedPerMinute(c);

    assertThat(issued.stream().mapToLong(IssuanceLedger.MinuteTotals::count).sum()).isEqualTo(2);
    assertThat(issued.stream().mapToLong(IssuanceLedger.MinuteTotals::amount).sum())
        .isEqualTo(1000);
    assertThat(issued).allSatisfy(m -> assertThat(m.epochMinute()).isBetween(before, after));
    assertThat(used)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.count()).isEqualTo(1);
              assertThat(m.amount()).isEqualTo(500);
              assertThat(m.epochMinute()).isBetween(before, after);
            });
    assertThat(ledger.issuance().issuedPerMinute(camp())).isEmpty();
  }

  @Test
  void campaignIndexKeepsStatusAndRefusesASecondInsert() {
    String c = camp();
    assertThat(
            ledger
                .campaigns()
                .insert(c, "campaign-" + c, "1900000001", "wx1", "h", "{}", 1000, "me"))
        .isTrue();
    assertThat(
            ledger
                .campaigns()
                .insert(c, "campaign-" + c, "1900000001", "wx1", "h2", "{}", 1000, "me"))
        .isFalse();
    ledger
        .campaigns()
        .update(
            new StatusRecord(
                c, "1900000001", "S-" + c, CampaignPhase.PAUSED, 3, 1500, 0, 1000, "MANUAL"));
    var entry = ledger.campaigns().find(c).orElseThrow();
    assertThat(entry.status()).isEqualTo("PAUSED");
    assertThat(entry.issuedCount()).isEqualTo(3);
    assertThat(ledger.campaigns().findByStock("S-" + c)).isPresent();
  }

  @Test
  void statusOfACampaignStartedOutsideTheApiCreatesItsIndexRow() {
    String c = camp();
    ledger
        .campaigns()
        .update(
            new StatusRecord(c, "1900000001", null, CampaignPhase.SCHEDULED, 0, 0, 0, 1000, null));
    assertThat(ledger.campaigns().find(c)).isPresent();
  }

  @Test
  void flowRowsAreReplacedByANewDownload() {
    String c = camp();
    var row =
        new FlowRow(
            2, "S1", "C1", 500L, 1000L, null, "T1", null, "2026-12-02 10:00:00", "1", "raw");
    var other =
        new FlowRow(
            3, "S1", "C2", 500L, 1000L, null, "T2", null, "2026-12-02 10:01:00", "1", "raw");
    ledger.flows().replace(c, FlowRows.USE, "S1", "abc", List.of(row, other));
    ledger.flows().replace(c, FlowRows.USE, "S1", "abc", List.of(row));
    assertThat(ledger.flows().rows(c, FlowRows.USE)).hasSize(1);
    assertThat(ledger.flows().downloaded(c, FlowRows.USE)).isTrue();
    assertThat(ledger.flows().downloaded(c, FlowRows.REFUND)).isFalse();
    assertThat(ledger.flows().servedRows(c, FlowRows.USE)).contains(1L);
    assertThat(ledger.flows().servedRows(c, FlowRows.REFUND)).isEmpty();
    // WeChat Pay's "no rows" is stored without a file: nothing was served.
    ledger.flows().replace(c, FlowRows.REFUND, "S1", null, List.of());
    assertThat(ledger.flows().downloaded(c, FlowRows.REFUND)).isTrue();
    assertThat(ledger.flows().servedRows(c, FlowRows.REFUND)).isEmpty();
  }

  @Test
  void reconciliationReportsRoundTrip() {
    String c = camp();
    var report =
        new ReconciliationReport(
            c,
            "S1",
            true,
            new ReconciliationReport.Totals(1, 500, 0, 0, 0, 0, 0, 0),
            List.of(),
            List.of());
    ledger.reconciliations().save(report);
    ledger.reconciliations().save(report);
    assertThat(ledger.reconciliations().find(c)).contains(report);
  }

  @Test
  void sendSlotsAreSpacedByTheSlowerRateAndSharedBetweenWorkers() throws Exception {
    String c = camp();
    SendSlots slots = ledger.slots();
    long[] first = slots.reservation("wave:" + c, 100, "mch:" + c, 500, 10).slots();
    for (int i = 1; i < first.length; i++) {
      assertThat(first[i] - first[i - 1]).isGreaterThanOrEqualTo(10_000);
    }
    // Two "workers" reserving concurrently from the same merchant never get slots closer than 1/500
    // s.
    ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      String wave = "wave:" + c + ":" + w;
      pool.submit(
          () -> {
            for (int i = 0; i < 10; i++) {
              for (long s : slots.reservation(wave, 500, "mch:shared-" + c, 500, 5).slots()) {
                all.add(s);
              }
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    List<Long> sorted = all.stream().sorted().toList();
    assertThat(sorted).hasSize(200);
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i) - sorted.get(i - 1)).as("gap %d", i).isGreaterThanOrEqualTo(2_000);
    }
  }

  private static String camp() {
    return "c" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void listsCampaignSummariesNewestFirstInPagesOfTheGivenMerchants() {
    String run = Long.toString(System.nanoTime() % 1_000_000_000L);
    String mine = "8" + run;
    String theirs = "7" + run;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add("list-" + run + "-" + i);
      ledger
          .campaigns()
          .insert(ids.get(i), "campaign-" + ids.get(i), mine, null, "h", "{}", 100, "m");
    }
    ledger
        .campaigns()
        .insert("list-" + run + "-x", "campaign-x", theirs, null, "h", "{}", 100, "m");

    List<String> listed = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    CampaignIndex.After after = null;
    do {
      CampaignIndex.Page page = ledger.campaigns().list(java.util.Set.of(mine), after, 2);
      page.campaigns().forEach(c -> assertThat(c.mchid()).isEqualTo(mine));
      page.campaigns().forEach(c -> listed.add(c.campaignId()));
      sizes.add(page.campaigns().size());
      after = page.next();
    } while (after != null);

    assertThat(sizes).containsExactly(2, 2, 1);
    assertThat(listed)
        .containsExactlyElementsOf(
            ids.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    assertThat(ledger.campaigns().list(java.util.Set.of(mine, theirs), null, 100).campaigns())
        .hasSize(6);
    CampaignIndex.Page exact = ledger.campaigns().list(java.util.Set.of(mine), null, 5);
    assertThat(exact.campaigns()).hasSize(5);
    assertThat(exact.next()).as("no page after the last one").isNull();
    CampaignIndex.Summary first = exact.campaigns().get(0);
    assertThat(first.maxAmount()).isEqualTo(100);
    assertThat(first.status()).isEqualTo("SCHEDULED");
    assertThat(first.createdBy()).isEqualTo("m");
    assertThat(ledger.campaigns().list(java.util.Set.of(), null, 1).campaigns()).hasSize(1);
  }
}
