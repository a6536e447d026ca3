package com.campaigns.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;

/**
 * Send-coupon time slots shared by every worker through the database (GCRA, no burst): a wave may
 * send at most its own rate and a merchant at most its ceiling, across all campaigns and workers.
 * Each reservation locks the two rows, assigns consecutive slots spaced by both rates, and moves
 * both cursors; a batch costs one short transaction, not one per coupon.
 */
public class SendSlots {

  /**
   * Slots handed out by one reservation, in epoch microseconds ascending, and where it left the two
   * cursors (what {@link #giveBack} compares with).
   */
  public record Reservation(
      String waveKey, String merchantKey, long[] slots, long waveCursor, long merchantCursor) {}

  private final LedgerDatabase db;
  // Rows are never deleted, so a key seen once needs no existence check again.
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  SendSlots(LedgerDatabase db) {
    this.db = db;
  }

  /**
   * Reserves {@code n} slots at (at most) both rates, in sends per second. The caller sends at (not
   * before) each slot, and drops a slot it can no longer use in time.
   */
  public Reservation reservation(
      String waveKey, double waveRate, String merchantKey, double merchantRate, int n) {
    ensure(waveKey);
    ensure(merchantKey);
    return db.tx()
        .execute(
            status -> {
              Map<String, Long> next = new HashMap<>();
              db.jdbc()
                  .sql(
                      "SELECT bucket_key, next_free_micros FROM rate_slot WHERE bucket_key IN (?, ?) ORDER BY bucket_key"
                          + " FOR UPDATE")
                  .params(waveKey, merchantKey)
                  .query(
                      rs -> {
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
              long waveCursor = (long) Math.ceil(waveNext);
              long merchantCursor = (long) Math.ceil(merchantNext);
              update(waveKey, waveCursor);
              update(merchantKey, merchantCursor);
              return new Reservation(waveKey, merchantKey, out, waveCursor, merchantCursor);
            });
  }

  /**
   * Returns the slots of a reservation from {@code firstUnused} on, when nobody reserved after it:
   * each cursor moves back to that slot only if it is still where the reservation left it. A
   * segment that ends thus leaves its unused time to the next sender instead of a gap in the rate.
   */
  public void giveBack(Reservation r, int firstUnused) {
    if (firstUnused >= r.slots().length) {
      return;
    }
    long from = r.slots()[firstUnused];
    moveBack(r.waveKey(), r.waveCursor(), from);
    moveBack(r.merchantKey(), r.merchantCursor(), from);
  }

  private void moveBack(String key, long expected, long to) {
    db.jdbc()
        .sql(
            "UPDATE rate_slot SET next_free_micros = ? WHERE bucket_key = ? AND next_free_micros = ?")
        .params(to, key, expected)
        .update();
  }

  private void update(String key, long nextFree) {
    db.jdbc()
        .sql("UPDATE rate_slot SET next_free_micros = ? WHERE bucket_key = ?")
        .params(nextFree, key)
        .update();
  }

  private void ensure(String key) {
    if (known.contains(key)) {
      return;
    }
    List<Long> existing =
        db.jdbc()
            .sql("SELECT next_free_micros FROM rate_slot WHERE bucket_key = ?")
            .param(key)
            .query(Long.class)
            .list();
    if (existing.isEmpty()) {
      try {
        db.jdbc()
            .sql("INSERT INTO rate_slot (bucket_key, next_free_micros) VALUES (?, 0)")
            .param(key)
            .update();
      } catch (DuplicateKeyException e) {
        // Another worker created it first.
      }
    }
    known.add(key);
  }
}
