package com.campaigns.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.IssuanceLedger.Outcome;
import com.campaigns.ledger.LedgerConfiguration.Ledger;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.StatusRecord;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ledger under real concurrency: threads with their own pooled connections (as several workers
 * and API replicas share one database), started together at a barrier. Each test states an exact
 * invariant; an exception from any thread fails it, since the callers only expect the ledger's own
 * answers (true/false, a row), not a deadlock or a unique violation.
 */
abstract class LedgerConcurrencyContract {

  private static final int WORKERS = 4;

  /** The migrated database; each test opens its own pool over it. */
  abstract DataSource dataSource();

  private HikariDataSource pool;

  @BeforeEach
  void openPool() {
    pool = new HikariDataSource();
    pool.setDataSource(dataSource());
    pool.setMaximumPoolSize(WORKERS * 2);
    pool.setPoolName("ledger-concurrency");
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  /** A worker's own repositories over the shared pool (its own send-slot key cache too). */
  private Ledger worker() {
    return Ledger.over(pool);
  }

  // ---- issuance: several workers answering for the same segment ----

  /**
   * What each of four workers answers for a recipient, by {@code seq % 5}; the rule is that an
   * ISSUED row is never overwritten, so the final row is ISSUED whenever any answer was.
   */
  private static final String[][] ANSWERS = {
    {"ISSUED", "ISSUED", "ISSUED", "ISSUED"}, // a retried send that got the same coupon
    {"ISSUED", "REJECTED", "REJECTED", "FAILED"}, // issued, then a late refusal
    {"REJECTED", "ISSUED", "FAILED", "REJECTED"}, // refused first, issued by another attempt
    {"REJECTED", "REJECTED", "REJECTED", "REJECTED"}, // the same refusal everywhere
    {"FAILED", "FAILED", "ISSUED", "FAILED"}, // failures, then issued
  };

  @Test
  @Timeout(30)
  void workersAnsweringForTheSameSegmentLeaveOneRowPerRecipientAndIssuedWins() throws Exception {
    int recipients = 300;
    for (int round = 0; round < 3; round++) {
      String c = camp();
      List<List<Outcome>> batches = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        batches.add(answersOfWorker(c, w, recipients, round));
      }
      concurrently(
          WORKERS,
          w -> {
            IssuanceLedger issuance = worker().issuance();
            int size = 7 + 5 * w;
            List<Outcome> all = batches.get(w);
            for (int from = 0; from < all.size(); from += size) {
              issuance.record(all.subList(from, Math.min(all.size(), from + size)));
            }
          });

      List<Outcome> rows = worker().issuance().outcomes(c, 0);
      assertThat(rows).hasSize(recipients);
      long expectedIssued = 0;
      for (Outcome row : rows) {
        boolean anyIssued = List.of(ANSWERS[(int) (row.seq() % 5)]).contains("ISSUED");
        if (anyIssued) {
          expectedIssued++;
          assertThat(row.status()).as("seq %d", row.seq()).isEqualTo(IssuanceLedger.ISSUED);
          assertThat(row.couponId()).as("seq %d", row.seq()).isEqualTo(c + "-C" + row.seq());
          assertThat(row.amount()).isEqualTo(500);
        } else {
          assertThat(row.status()).as("seq %d", row.seq()).isEqualTo(IssuanceLedger.REJECTED);
          assertThat(row.errorCode()).isEqualTo("RULE_LIMIT");
        }
      }
      var totals = worker().issuance().totals(c, 0, 0, recipients);
      assertThat(totals.issued()).isEqualTo(expectedIssued);
      assertThat(totals.failed()).isZero();
      assertThat(worker().issuance().finalOutcomes(c, 0, 0, recipients)).hasSize(recipients);
      assertThat(worker().issuance().issued(c))
          .extracting(IssuanceLedger.IssuedCoupon::amount)
          .containsOnly(500L)
          .hasSize((int) expectedIssued);
    }
  }

  /**
   * Worker {@code w}'s answers in its own order: ascending, descending, shuffled, and ascending
   * from the middle; every third answer is sent twice (a retry the worker also recorded).
   */
  private static List<Outcome> answersOfWorker(String c, int w, int recipients, int round) {
    List<Outcome> out = new ArrayList<>();
    for (int seq = 0; seq < recipients; seq++) {
      Outcome o = answer(c, seq, ANSWERS[seq % 5][w]);
      out.add(o);
      if (seq % 3 == w % 3) {
        out.add(o);
      }
    }
    switch (w) {
      case 1 -> Collections.reverse(out);
      case 2 -> Collections.shuffle(out, new Random(round));
      case 3 -> Collections.rotate(out, out.size() / 2);
      default -> {}
    }
    return out;
  }

  private static Outcome answer(String c, long seq, String status) {
    return switch (status) {
      case "ISSUED" ->
          new Outcome(
              c, 0, seq, "o" + seq, c + "-k" + seq, "S1", status, c + "-C" + seq, null, null, 500);
      case "REJECTED" ->
          new Outcome(
              c, 0, seq, "o" + seq, c + "-k" + seq, "S1", status, null, "RULE_LIMIT", "no", 0);
      default ->
          new Outcome(
              c, 0, seq, "o" + seq, c + "-k" + seq, "S1", status, null, "SYSTEM_ERROR", "?", 0);
    };
  }

  // ---- send slots: workers of several segments under one merchant ceiling ----

  @Test
  @Timeout(30)
  void sendSlotsUnderContentionNeverExceedTheCeilingAndGiveBackIsExact() throws Exception {
    String c = camp();
    int ceiling = 200; // per second, the merchant's: 5,000 µs apart
    int[] waveRates = {100, 125}; // 225/s together: the merchant ceiling binds
    String merchant = "mch:" + c;
    ConcurrentLinkedQueue<long[]> used = new ConcurrentLinkedQueue<>(); // {wave, slot}
    AtomicInteger givenBack = new AtomicInteger();
    AtomicInteger reserved = new AtomicInteger();
    int segments = 3;
    // WORKERS threads × `segments` segments, alternating between the two waves.
    concurrently(
        WORKERS,
        w -> {
          SendSlots slots = worker().slots();
          Random random = new Random(w);
          for (int s = 0; s < segments; s++) {
            int wave = (w + s) % 2;
            for (int r = 0; r < 12; r++) {
              int n = 1 + random.nextInt(10);
              var reservation =
                  slots.reservation(
                      "wave:" + c + ":" + wave, waveRates[wave], merchant, ceiling, n);
              assertThat(reservation.slots()).hasSize(n);
              reserved.addAndGet(n);
              // The segment uses a prefix (possibly empty) and gives back the rest.
              int firstUnused = random.nextInt(n + 1);
              for (int i = 0; i < firstUnused; i++) {
                used.add(new long[] {wave, reservation.slots()[i]});
              }
              slots.giveBack(reservation, firstUnused);
              givenBack.addAndGet(n - firstUnused);
            }
          }
        });

    List<Long> all = used.stream().map(u -> u[1]).sorted().toList();
    assertThat(all.size() + givenBack.get()).isEqualTo(reserved.get());
    assertThat(all).doesNotHaveDuplicates();
    assertAtMostPerSecond(all, ceiling, "merchant");
    for (int wave = 0; wave < 2; wave++) {
      int wv = wave;
      List<Long> ofWave = used.stream().filter(u -> u[0] == wv).map(u -> u[1]).sorted().toList();
      assertAtMostPerSecond(ofWave, waveRates[wave], "wave " + wave);
    }
    // Once the contention is over a give-back is exact: the next reservation starts at the first
    // slot given back.
    SendSlots slots = worker().slots();
    var first = slots.reservation("wave:" + c + ":0", 100, merchant, ceiling, 6);
    slots.giveBack(first, 2);
    var next = slots.reservation("wave:" + c + ":0", 100, merchant, ceiling, 1);
    assertThat(next.slots()[0]).isEqualTo(first.slots()[2]);
  }

  /** Any one-second window holds at most {@code perSecond} of the sorted slots. */
  private static void assertAtMostPerSecond(List<Long> sorted, int perSecond, String what) {
    assertThat(sorted).as(what).isNotEmpty();
    for (int i = 0; i + perSecond < sorted.size(); i++) {
      assertThat(sorted.get(i + perSecond) - sorted.get(i))
          .as("%s: slots %d..%d", what, i, i + perSecond)
          .isGreaterThanOrEqualTo(1_000_000L);
    }
  }

  // ---- unique-violation races ----

  @Test
  @Timeout(30)
  void aCouponUseDeliveredSeveralTimesAtOnceIsRecordedOnce() throws Exception {
    String c = camp();
    int notifications = 40;
    AtomicInteger accepted = new AtomicInteger();
    // Each worker delivers every notification, half of them under a re-sent notification id.
    concurrently(
        WORKERS,
        w -> {
          CouponUses uses = worker().uses();
          for (int n = 0; n < notifications; n++) {
            String id = n % 2 == 0 ? c + "-N" + n : c + "-N" + n + "-" + w;
            if (uses.record(
                new CouponUses.Use(id, c + "-C" + n, "S1", c, 300, null, null, null), "{}")) {
              accepted.incrementAndGet();
            }
          }
        });
    assertThat(accepted.get()).isEqualTo(notifications);
    assertThat(worker().uses().totals(c))
        .isEqualTo(new CouponUses.Totals(notifications, 300L * notifications));
    assertThat(worker().uses().forCampaign(c))
        .extracting(CouponUses.Use::couponId)
        .doesNotHaveDuplicates()
        .hasSize(notifications);
  }

  @Test
  @Timeout(30)
  void concurrentStartsOfOneCampaignRegisterItOnce() throws Exception {
    for (int round = 0; round < 10; round++) {
      String c = camp();
      AtomicInteger created = new AtomicInteger();
      concurrently(
          WORKERS,
          w -> {
            if (worker()
                .campaigns()
                .insert(c, "campaign-" + c, "1900000001", "wx1", "h", "{}", 1000, "api-" + w)) {
              created.incrementAndGet();
            }
          });
      assertThat(created.get()).as("round %d", round).isEqualTo(1);
      assertThat(worker().campaigns().list(Set.of(), null, 100_000).campaigns())
          .filteredOn(e -> e.campaignId().equals(c))
          .hasSize(1);
    }
  }

  /**
   * Status records racing for one campaign (a campaign started outside the API, so the first write
   * creates its row): one row, and it holds one record whole, never columns of two. The rule is the
   * last committed write wins; the workflow writes the index whole at every publish, so the next
   * publish repairs a stale one.
   */
  @Test
  @Timeout(30)
  void racingStatusRecordsLeaveOneRowHoldingOneWholeRecord() throws Exception {
    for (int round = 0; round < 10; round++) {
      String c = camp();
      Map<Long, StatusRecord> written = new HashMap<>();
      for (int w = 0; w < WORKERS; w++) {
        for (int k = 0; k < 5; k++) {
          long n = w * 100L + k;
          written.put(n, status(c, n));
        }
      }
      concurrently(
          WORKERS,
          w -> {
            CampaignIndex index = worker().campaigns();
            for (int k = 0; k < 5; k++) {
              index.update(written.get(w * 100L + k));
            }
          });
      var entry = worker().campaigns().find(c).orElseThrow();
      StatusRecord last = written.get(entry.issuedCount());
      assertThat(last).as("round %d: a record that was written", round).isNotNull();
      assertThat(entry.status()).isEqualTo(last.status().name());
      assertThat(entry.issuedAmount()).isEqualTo(last.issuedAmount());
      assertThat(entry.usedAmount()).isEqualTo(last.usedAmount());
      assertThat(entry.pauseReason()).isEqualTo(last.pauseReason());
      assertThat(entry.stockId()).isEqualTo(last.stockId());
      assertThat(worker().campaigns().list(Set.of(), null, 100_000).campaigns())
          .filteredOn(e -> e.campaignId().equals(c))
          .hasSize(1);
      // The workflow's next publish (alone) is what the index shows.
      StatusRecord next = status(c, 999);
      worker().campaigns().update(next);
      assertThat(worker().campaigns().find(c).orElseThrow().issuedCount()).isEqualTo(999);
    }
  }

  /** Record {@code n}: every column derived from n, so a row mixing two records shows. */
  private static StatusRecord status(String c, long n) {
    boolean paused = n % 2 == 1;
    return new StatusRecord(
        c,
        "1900000001",
        "S-" + n,
        paused ? CampaignPhase.PAUSED : CampaignPhase.RUNNING,
        n,
        n * 500,
        n * 7,
        1_000_000,
        paused ? "MANUAL" : null);
  }

  // ---- helpers ----

  interface Work {
    void run(int worker) throws Exception;
  }

  /** Runs {@code work} on {@code threads} threads released together; rethrows the first failure. */
  private static void concurrently(int threads, Work work) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int w = t;
        futures.add(
            executor.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  work.run(w);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(25, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private static String camp() {
    return "c" + UUID.randomUUID().toString().substring(0, 8);
  }
}
