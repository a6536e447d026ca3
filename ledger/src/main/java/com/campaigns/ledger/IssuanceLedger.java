package com.campaigns.ledger;

import com.campaigns.workflows.model.SegmentTotals;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;

/**
 * Who got which coupon: one row per (campaign, wave, recipient position) once WeChat Pay answered.
 * The source of truth for resuming at the exact recipient and for reconciliation. An ISSUED row is
 * never overwritten: a late or duplicated answer cannot turn an issued coupon into a rejection.
 */
public class IssuanceLedger {

  public static final String ISSUED = "ISSUED";
  public static final String REJECTED = "REJECTED";
  public static final String FAILED = "FAILED";

  /** One recipient's outcome. */
  public record Outcome(
      String campaignId,
      int waveIndex,
      long seq,
      String openid,
      String outRequestNo,
      String stockId,
      String status,
      String couponId,
      String errorCode,
      String errorMessage,
      long amount) {}

  /** What happened in one minute: {@code epochMinute} is minutes since 1970-01-01T00:00Z. */
  public record MinuteTotals(long epochMinute, long count, long amount) {}

  /** One wave's outcomes so far: issued (count, face value), rejected by code, failed. */
  public record WaveCounts(
      int waveIndex,
      long issuedCount,
      long issuedAmount,
      Map<String, Long> rejectedByCode,
      long failed) {

    public long rejected() {
      return rejectedByCode.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** An issued coupon, for reconciliation and support lookups. */
  public record IssuedCoupon(
      String campaignId, int waveIndex, String openid, String couponId, long amount) {}

  /** The columns of an {@link Outcome}, in its order. */
  private static final String OUTCOME_COLUMNS =
      "campaign_id, wave_index, seq, openid, out_request_no, stock_id, status, coupon_id,"
          + " error_code, error_message, amount";

  /** The rows of positions {@code [fromSeq, toSeq)} of a wave: campaign, wave, from, to. */
  private static final String SEGMENT_ROWS =
      " FROM issuance WHERE campaign_id = ? AND wave_index = ? AND seq >= ? AND seq < ?";

  private static final RowMapper<Outcome> OUTCOME = RecordRowMapper.of(Outcome.class);

  static final RowMapper<MinuteTotals> MINUTE_TOTALS = RecordRowMapper.of(MinuteTotals.class);

  private static final String MERGE =
      """
      MERGE INTO issuance t
      USING (VALUES (CAST(? AS VARCHAR(48)), CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS VARCHAR(128)),
                     CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(32)),
                     CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(512)), CAST(? AS BIGINT),
                     CAST(? AS TIMESTAMP WITH TIME ZONE)))
        AS s (campaign_id, wave_index, seq, openid, out_request_no, stock_id, status, coupon_id, error_code,
              error_message, amount, at)
      ON t.campaign_id = s.campaign_id AND t.wave_index = s.wave_index AND t.seq = s.seq
      WHEN MATCHED AND t.status <> 'ISSUED' THEN UPDATE SET
        status = s.status, coupon_id = s.coupon_id, error_code = s.error_code, error_message = s.error_message,
        amount = s.amount, attempts = t.attempts + 1, updated_at = s.at
      WHEN NOT MATCHED THEN INSERT (campaign_id, wave_index, seq, openid, out_request_no, stock_id, status, coupon_id,
        error_code, error_message, amount, attempts, created_at, updated_at)
        VALUES (s.campaign_id, s.wave_index, s.seq, s.openid, s.out_request_no, s.stock_id, s.status, s.coupon_id,
        s.error_code, s.error_message, s.amount, 1, s.at, s.at)
      """;

  // Most answers are a recipient's first: a plain insert costs the database less than a merge.
  private static final String INSERT =
      """
      INSERT INTO issuance (campaign_id, wave_index, seq, openid, out_request_no, stock_id, status, coupon_id,
        error_code, error_message, amount, attempts, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
      """;

  /**
   * A merge fails only when another writer committed one of its rows first, so a few attempts cover
   * the few workers that can write one segment at once.
   */
  private static final int MERGE_ATTEMPTS = 8;

  private final LedgerDatabase db;

  IssuanceLedger(LedgerDatabase db) {
    this.db = db;
  }

  /**
   * Records a batch of outcomes in one transaction. Idempotent: the batch is inserted, and if any
   * recipient already has a row (a retried segment, a late duplicate answer) the whole batch is
   * merged instead, which never overwrites an ISSUED row. Between other answers the last committed
   * wins. Safe against another worker writing the same recipients at the same time (a zombie
   * attempt of the segment): see {@link #merge}.
   */
  public void record(List<Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // Rows in key order, so two batches lock shared rows in the same order and cannot deadlock
    // (the sort is stable: answers for one recipient keep their order, the last one counts).
    List<Outcome> sorted =
        outcomes.stream()
            .sorted(
                Comparator.comparing(Outcome::campaignId)
                    .thenComparingInt(Outcome::waveIndex)
                    .thenComparingLong(Outcome::seq))
            .toList();
    // The insert's parameters: the merge's twelve, then updated_at (the merge reads both times from
    // `at`).
    List<Object[]> rows = new ArrayList<>(outcomes.size());
    for (Outcome o : sorted) {
      rows.add(
          new Object[] {
            o.campaignId(),
            o.waveIndex(),
            o.seq(),
            o.openid(),
            o.outRequestNo(),
            o.stockId(),
            o.status(),
            o.couponId(),
            o.errorCode(),
            truncate(o.errorMessage(), 512),
            o.amount(),
            now,
            now
          });
    }
    try {
      db.tx().executeWithoutResult(status -> db.batches().batchUpdate(INSERT, rows));
    } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
      // A duplicate key (H2 and PostgreSQL report it through the batch exception's SQL state), or
      // a lock failure: the merge handles rows that exist and rows that do not.
      merge(rows.stream().map(row -> Arrays.copyOf(row, row.length - 1)).toList());
    }
  }

  /**
   * Merges a batch, again when it loses a race. MERGE does not wait-and-update like an upsert: on
   * PostgreSQL and H2 a row another transaction inserts after the merge looked is a duplicate key
   * for its insert arm. Once that transaction has committed, the row is there and the retry updates
   * it (or leaves it, when ISSUED). A lock failure (deadlock, lock timeout) is retried the same
   * way.
   */
  private void merge(List<Object[]> rows) {
    for (int attempt = 1; ; attempt++) {
      try {
        db.tx().executeWithoutResult(status -> db.batches().batchUpdate(MERGE, rows));
        return;
      } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
        if (attempt == MERGE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The final outcomes (ISSUED or REJECTED) of positions {@code [fromSeq, toSeq)} of a wave. */
  public Map<Long, String> finalOutcomes(
      String campaignId, int waveIndex, long fromSeq, long toSeq) {
    Map<Long, String> out = new HashMap<>();
    db.jdbc()
        .sql("SELECT seq, status" + SEGMENT_ROWS + " AND status IN ('ISSUED', 'REJECTED')")
        .params(campaignId, waveIndex, fromSeq, toSeq)
        .query(
            rs -> {
              out.put(rs.getLong(1), rs.getString(2));
            });
    return out;
  }

  public SegmentTotals totals(String campaignId, int waveIndex, long fromSeq, long toSeq) {
    long[] issued = {0};
    long[] failed = {0};
    Map<String, Long> rejected = new TreeMap<>();
    db.jdbc()
        .sql("SELECT status, error_code, COUNT(*)" + SEGMENT_ROWS + " GROUP BY status, error_code")
        .params(campaignId, waveIndex, fromSeq, toSeq)
        .query(
            rs -> {
              accumulate(rs.getString(1), rs.getString(2), rs.getLong(3), issued, failed, rejected);
            });
    return new SegmentTotals(issued[0], rejected, failed[0]);
  }

  /** Per-segment totals of a wave in one query. */
  public List<SegmentTotals> waveTotals(
      String campaignId, int waveIndex, long recipients, int segmentSize) {
    int segments = (int) ((recipients + segmentSize - 1) / segmentSize);
    long[][] counts = new long[segments][2];
    List<Map<String, Long>> rejected = new ArrayList<>();
    for (int i = 0; i < segments; i++) {
      rejected.add(new TreeMap<>());
    }
    // The segment size is an int written into the SQL: PostgreSQL does not match a parameter in the
    // select list with another in GROUP BY.
    db.jdbc()
        .sql(
            "SELECT seq / "
                + segmentSize
                + ", status, error_code, COUNT(*) FROM issuance WHERE campaign_id = ?"
                + " AND wave_index = ? GROUP BY seq / "
                + segmentSize
                + ", status, error_code")
        .params(campaignId, waveIndex)
        .query(
            rs -> {
              int seg = (int) rs.getLong(1);
              if (seg < segments) {
                long[] issued = {counts[seg][0]};
                long[] failed = {counts[seg][1]};
                accumulate(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    issued,
                    failed,
                    rejected.get(seg));
                counts[seg][0] = issued[0];
                counts[seg][1] = failed[0];
              }
            });
    List<SegmentTotals> out = new ArrayList<>(segments);
    for (int i = 0; i < segments; i++) {
      out.add(new SegmentTotals(counts[i][0], rejected.get(i), counts[i][1]));
    }
    return out;
  }

  /**
   * Every wave's counts in one query, by wave index: what a closed campaign issued when its
   * workflow cannot tell any more (terminated mid-wave).
   */
  public Map<Integer, WaveCounts> countsByWave(String campaignId) {
    Map<Integer, long[]> totals = new TreeMap<>();
    Map<Integer, Map<String, Long>> rejected = new TreeMap<>();
    db.jdbc()
        .sql(
            "SELECT wave_index, status, error_code, COUNT(*), COALESCE(SUM(amount), 0)"
                + " FROM issuance WHERE campaign_id = ? GROUP BY wave_index, status, error_code")
        .param(campaignId)
        .query(
            rs -> {
              int wave = rs.getInt(1);
              long[] t = totals.computeIfAbsent(wave, w -> new long[3]);
              Map<String, Long> byCode = rejected.computeIfAbsent(wave, w -> new TreeMap<>());
              long n = rs.getLong(4);
              switch (rs.getString(2)) {
                case ISSUED -> {
                  t[0] += n;
                  t[1] += rs.getLong(5);
                }
                case REJECTED -> {
                  String code = rs.getString(3);
                  byCode.merge(code == null ? "UNKNOWN" : code, n, Long::sum);
                }
                default -> t[2] += n;
              }
            });
    Map<Integer, WaveCounts> out = new TreeMap<>();
    totals.forEach(
        (wave, t) -> out.put(wave, new WaveCounts(wave, t[0], t[1], rejected.get(wave), t[2])));
    return out;
  }

  public List<IssuedCoupon> issued(String campaignId) {
    return db.jdbc()
        .sql(
            "SELECT campaign_id, wave_index, openid, coupon_id, amount FROM issuance"
                + " WHERE campaign_id = ? AND status = 'ISSUED' ORDER BY wave_index, seq")
        .param(campaignId)
        .query(RecordRowMapper.of(IssuedCoupon.class))
        .list();
  }

  /** Every ledger row of a campaign's wave, in audience order (exports and tests). */
  public List<Outcome> outcomes(String campaignId, int waveIndex) {
    return db.jdbc()
        .sql(
            "SELECT "
                + OUTCOME_COLUMNS
                + " FROM issuance WHERE campaign_id = ? AND wave_index = ? ORDER BY seq")
        .params(campaignId, waveIndex)
        .query(OUTCOME)
        .list();
  }

  /**
   * Coupons issued per minute, oldest first, for the console's rate and burn-down charts. An ISSUED
   * row is never updated again, so its {@code updated_at} is when WeChat Pay issued the coupon
   * ({@code created_at} is the first attempt, which may have failed). Portable SQL (H2,
   * PostgreSQL).
   */
  public List<MinuteTotals> issuedPerMinute(String campaignId) {
    return db.jdbc()
        .sql(
            "SELECT m, COUNT(*), COALESCE(SUM(amount), 0) FROM (SELECT"
                + " CAST(FLOOR(EXTRACT(EPOCH FROM updated_at) / 60) AS BIGINT) AS m, amount FROM issuance"
                + " WHERE campaign_id = ? AND status = 'ISSUED') t GROUP BY m ORDER BY m")
        .param(campaignId)
        .query(MINUTE_TOTALS)
        .list();
  }

  /**
   * Face value issued from a campaign's stock since {@code since}, by the time each answer was
   * recorded (an ISSUED row is never updated again): today's share of the stock's daily cap when
   * {@code since} is the start of the Asia/Shanghai day. Reads the campaign's rows by primary key.
   */
  public long issuedAmountSince(String campaignId, String stockId, Instant since) {
    Long amount =
        db.jdbc()
            .sql(
                "SELECT COALESCE(SUM(amount), 0) FROM issuance WHERE campaign_id = ?"
                    + " AND stock_id = ? AND status = 'ISSUED' AND updated_at >= ?")
            .params(campaignId, stockId, OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
            .query(Long.class)
            .single();
    return amount == null ? 0 : amount;
  }

  /** The campaign and wave that issued a coupon, if this product issued it. */
  public java.util.Optional<Outcome> byCoupon(String couponId) {
    return db.jdbc()
        .sql("SELECT " + OUTCOME_COLUMNS + " FROM issuance WHERE coupon_id = ?")
        .param(couponId)
        .query(OUTCOME)
        .optional();
  }

  private static void accumulate(
      String status,
      String code,
      long n,
      long[] issued,
      long[] failed,
      Map<String, Long> rejected) {
    switch (status) {
      case ISSUED -> issued[0] += n;
      case REJECTED -> rejected.merge(code == null ? "UNKNOWN" : code, n, Long::sum);
      default -> failed[0] += n;
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
