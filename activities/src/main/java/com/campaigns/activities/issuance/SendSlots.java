package com.campaigns.activities.issuance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Send-coupon time slots shared by every worker through the database (GCRA, no burst): a wave may
 * send at most its own rate and a merchant at most its ceiling, across all campaigns and workers.
 * Each reservation locks the two rows, assigns consecutive slots spaced by both rates, and moves
 * both cursors; a batch costs one short transaction, not one per coupon.
 */
public class SendSlots {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public SendSlots(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * Reserves {@code n} slots; returns their start times in epoch microseconds, ascending. The caller
   * sends at (not before) each slot, and drops a slot it can no longer use in time.
   */
  public long[] reserve(String waveKey, int waveRate, String merchantKey, int merchantRate, int n) {
    ensure(waveKey);
    ensure(merchantKey);
    long[] slots = tx.execute(status -> {
      Map<String, Long> next = new HashMap<>();
      jdbc.sql("SELECT bucket_key, next_free_micros FROM rate_slot WHERE bucket_key IN (?, ?) ORDER BY bucket_key"
              + " FOR UPDATE")
          .params(waveKey, merchantKey)
          .query(rs -> {
            next.put(rs.getString(1), rs.getLong(2));
          });
      long now = System.currentTimeMillis() * 1000;
      double waveNext = next.get(waveKey);
      double merchantNext = next.get(merchantKey);
      double waveStep = 1_000_000.0 / waveRate;
      double merchantStep = 1_000_000.0 / merchantRate;
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        double slot = Math.max(now, Math.max(waveNext, merchantNext));
        out[i] = (long) Math.ceil(slot);
        waveNext = slot + waveStep;
        merchantNext = slot + merchantStep;
      }
      update(waveKey, (long) Math.ceil(waveNext));
      update(merchantKey, (long) Math.ceil(merchantNext));
      return out;
    });
    return slots;
  }

  private void update(String key, long nextFree) {
    jdbc.sql("UPDATE rate_slot SET next_free_micros = ? WHERE bucket_key = ?").params(nextFree, key).update();
  }

  private void ensure(String key) {
    List<Long> existing = jdbc.sql("SELECT next_free_micros FROM rate_slot WHERE bucket_key = ?").param(key)
        .query(Long.class).list();
    if (existing.isEmpty()) {
      try {
        jdbc.sql("INSERT INTO rate_slot (bucket_key, next_free_micros) VALUES (?, 0)").param(key).update();
      } catch (DuplicateKeyException e) {
        // Another worker created it first.
      }
    }
  }
}
