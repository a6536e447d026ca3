package com.campaigns.activities.issuance;

import java.util.ArrayDeque;

/**
 * Hands out one activity's send slots in order, reserving them from {@link SendSlots} in small
 * batches (a tenth of a second's worth). A slot already passed by more than one spacing is dropped
 * rather than used late, so sends never bunch up above the rate after a stall.
 */
final class SlotPacer {

  private final SendSlots slots;
  private final String waveKey;
  private final int waveRate;
  private final String merchantKey;
  private final int merchantRate;
  private final int batch;
  private final long toleranceMicros;
  private final ArrayDeque<Long> reserved = new ArrayDeque<>();
  private long dropped;

  SlotPacer(SendSlots slots, String waveKey, int waveRate, String merchantKey, int merchantRate) {
    this.slots = slots;
    this.waveKey = waveKey;
    this.waveRate = waveRate;
    this.merchantKey = merchantKey;
    this.merchantRate = merchantRate;
    int effective = Math.min(waveRate, merchantRate);
    this.batch = Math.max(1, Math.min(50, effective / 10));
    this.toleranceMicros = 1_000_000L / effective;
  }

  /** The next usable slot (epoch micros); the caller waits until then. */
  synchronized long next() {
    while (true) {
      if (reserved.isEmpty()) {
        for (long s : slots.reserve(waveKey, waveRate, merchantKey, merchantRate, batch)) {
          reserved.add(s);
        }
      }
      long slot = reserved.poll();
      if (slot + toleranceMicros >= System.currentTimeMillis() * 1000) {
        return slot;
      }
      dropped++;
    }
  }

  synchronized long dropped() {
    return dropped;
  }
}
