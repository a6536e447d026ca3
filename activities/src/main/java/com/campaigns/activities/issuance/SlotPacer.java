package com.campaigns.activities.issuance;

import com.campaigns.ledger.SendSlots;

/**
 * Hands out one activity's send slots in order. Slots come from {@link SendSlots} in batches of
 * about {@link #HORIZON_MICROS} worth at the paced rate, so a batch costs one transaction and the
 * segment holds little time it may not use; {@link #close()} gives the unused rest back.
 *
 * <p>The pace is the configured rate less a headroom (2 % by default): a send reaches WeChat Pay a
 * little earlier or later than its slot, and without the headroom that jitter alone would put an
 * extra send into some seconds. A slot may be used up to the horizon late (a send that waited for
 * its turn to sign, for instance); older ones are dropped, so sends never bunch up after a stall:
 * any second holds at most the slots of that second and of the horizon before it, which the
 * headroom covers.
 */
final class SlotPacer implements AutoCloseable {

  /** How much time one reservation covers, and how late a slot may still be used. */
  static final long HORIZON_MICROS = 10_000;

  private static final int MAX_BATCH = 50;

  private final SendSlots slots;
  private final String waveKey;
  private final double waveRate;
  private final String merchantKey;
  private final double merchantRate;
  private final int batch;
  private final long toleranceMicros;
  private SendSlots.Reservation current;
  private int nextIndex;
  private long dropped;
  private long reservations;

  SlotPacer(
      SendSlots slots,
      String waveKey,
      int waveRate,
      String merchantKey,
      int merchantRate,
      double headroom) {
    if (headroom < 0 || headroom >= 0.5) {
      throw new IllegalArgumentException("rate headroom must be in [0, 0.5): " + headroom);
    }
    this.slots = slots;
    this.waveKey = waveKey;
    this.waveRate = waveRate * (1 - headroom);
    this.merchantKey = merchantKey;
    this.merchantRate = merchantRate * (1 - headroom);
    double spacingMicros = 1_000_000.0 / Math.min(this.waveRate, this.merchantRate);
    this.batch = (int) Math.max(1, Math.min(MAX_BATCH, Math.floor(HORIZON_MICROS / spacingMicros)));
    this.toleranceMicros = Math.max(HORIZON_MICROS, (long) Math.ceil(spacingMicros));
  }

  /** Sends per second this pacer aims at: the slower of the two rates, less the headroom. */
  double rate() {
    return Math.min(waveRate, merchantRate);
  }

  /** The next usable slot (epoch micros); the caller waits until then. */
  synchronized long next() {
    while (true) {
      if (current == null || nextIndex >= current.slots().length) {
        current = slots.reservation(waveKey, waveRate, merchantKey, merchantRate, batch);
        nextIndex = 0;
        reservations++;
      }
      long slot = current.slots()[nextIndex++];
      if (slot + toleranceMicros >= System.currentTimeMillis() * 1000) {
        return slot;
      }
      dropped++;
    }
  }

  /** Gives the slots reserved but not used back, if no other sender reserved after them. */
  @Override
  public synchronized void close() {
    if (current != null && nextIndex < current.slots().length) {
      slots.giveBack(current, nextIndex);
    }
    current = null;
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized long reservations() {
    return reservations;
  }
}
