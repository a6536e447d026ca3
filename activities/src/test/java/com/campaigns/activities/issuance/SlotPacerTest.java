package com.campaigns.activities.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.ledger.LedgerConfiguration.Ledger;
import com.campaigns.ledger.SendSlots;
import com.campaigns.ledger.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlotPacerTest {

  private SendSlots slots;
  private String wave;
  private String merchant;

  @BeforeEach
  void setUp() {
    slots = Ledger.over(TestDatabases.h2()).slots();
    String id = UUID.randomUUID().toString().substring(0, 8);
    wave = "wave:" + id;
    merchant = "mch:" + id;
  }

  @Test
  void pacesBelowTheRateByTheHeadroom() {
    SlotPacer pacer = new SlotPacer(slots, wave, 500, merchant, 500, 0.02);
    List<Long> taken = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      taken.add(pacer.next());
    }
    // 500/s less 2 % is 490/s: slots at least 1/490 s apart.
    double spacing = 1_000_000.0 / 490;
    for (int i = 1; i < taken.size(); i++) {
      assertThat(taken.get(i) - taken.get(i - 1))
          .as("gap %d", i)
          .isGreaterThanOrEqualTo((long) Math.floor(spacing));
    }
    assertEveryReservedSlotAccountedFor(pacer, 40);
  }

  /**
   * Batches of 4 slots: each reserved slot was used, dropped (the machine paused past it), or is
   * among the last batch's unused ones. Without a pause nothing is dropped; a loaded machine may
   * pause, which must cost slots, never spacing.
   */
  private static void assertEveryReservedSlotAccountedFor(SlotPacer pacer, int used) {
    long unused = 4L * pacer.reservations() - used - pacer.dropped();
    assertThat(unused).as("slots reserved but neither used nor dropped").isBetween(0L, 3L);
  }

  @Test
  void oneReservationCoversAboutTheHorizon() {
    // 490/s paced: a 10 ms horizon holds 4 slots, so 40 slots take 10 transactions.
    SlotPacer pacer = new SlotPacer(slots, wave, 500, merchant, 500, 0.02);
    for (int i = 0; i < 40; i++) {
      pacer.next();
    }
    // Exactly 10 when the machine did not pause past a slot; a pause drops slots and costs more.
    assertEveryReservedSlotAccountedFor(pacer, 40);
    if (pacer.dropped() == 0) {
      assertThat(pacer.reservations()).isEqualTo(10);
    }
    // 49/s paced: one slot per reservation, each 1/49 s after the last.
    SlotPacer slow = new SlotPacer(slots, wave + "-slow", 50, merchant + "-slow", 500, 0.02);
    long first = slow.next();
    long second = slow.next();
    // Two reservations unless the machine paused past a slot, which drops it and reserves again.
    assertThat(slow.reservations()).isEqualTo(2 + slow.dropped());
    assertThat(second - first).isGreaterThanOrEqualTo(1_000_000 / 49);
  }

  @Test
  void unusedSlotsGoBackWhenTheSegmentEnds() {
    SlotPacer ending = new SlotPacer(slots, wave, 500, merchant, 500, 0.02);
    long used = ending.next();
    ending.close();
    // The next segment of the wave starts right after the one slot used, not after the whole batch
    // (4 slots): one interval after it, or now if the machine paused longer than that meanwhile.
    long interval = (long) Math.ceil(1_000_000.0 / 490);
    SlotPacer next = new SlotPacer(slots, wave, 500, merchant, 500, 0.02);
    long first = next.next();
    long after = System.currentTimeMillis() * 1000;
    assertThat(first - used).isGreaterThanOrEqualTo((long) Math.floor(1_000_000.0 / 490));
    assertThat(first)
        .as("one interval after the used slot, or the clock's now when that has passed")
        .isLessThanOrEqualTo(Math.max(used + interval + 1, after));
  }

  @Test
  void slotsAreNotGivenBackOverAnotherSendersReservation() {
    SlotPacer ending = new SlotPacer(slots, wave, 500, merchant, 500, 0.02);
    ending.next();
    SlotPacer other = new SlotPacer(slots, wave, 500, merchant, 500, 0.02);
    long othersFirst = other.next();
    ending.close();
    // The other sender's batch stays its own: the next slot of the wave comes after it.
    SlotPacer third = new SlotPacer(slots, wave, 500, merchant, 500, 0.02);
    assertThat(third.next()).isGreaterThan(othersFirst + 3 * (long) Math.floor(1_000_000.0 / 490));
  }

  @Test
  void slotsPassedBeyondTheHorizonAreDropped() throws Exception {
    // 4 slots per batch at 490/s; after a stall of 50 ms the rest of the batch is too old to use.
    SlotPacer pacer = new SlotPacer(slots, wave, 500, merchant, 500, 0.02);
    pacer.next();
    Thread.sleep(50);
    long before = System.currentTimeMillis() * 1000;
    long late = pacer.next();
    // The batch's 3 stale slots are dropped; a loaded machine pausing again between reserving and
    // using may drop more, each costing a reservation, never a slot from before the stall.
    assertThat(pacer.dropped()).isGreaterThanOrEqualTo(3);
    assertEveryReservedSlotAccountedFor(pacer, 2);
    if (pacer.reservations() == 2) {
      assertThat(pacer.dropped()).isEqualTo(3);
    }
    assertThat(late).isGreaterThanOrEqualTo(before);
  }

  @Test
  void refusesAHeadroomThatWouldStopSending() {
    assertThatThrownBy(() -> new SlotPacer(slots, wave, 500, merchant, 500, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("headroom");
  }
}
