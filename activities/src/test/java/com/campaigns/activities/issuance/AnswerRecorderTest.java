package com.campaigns.activities.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.IssuanceLedger.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batched ledger writes of a segment, against a ledger stand-in. */
class AnswerRecorderTest {

  private final List<List<Outcome>> batches = new ArrayList<>();
  private final SegmentStop stop = new SegmentStop();
  private RuntimeException refuse;

  private final AnswerRecorder.Ledger ledger =
      batch -> {
        if (refuse != null) {
          throw refuse;
        }
        batches.add(List.copyOf(batch));
      };

  private static Outcome answer(long seq) {
    return new Outcome(
        "c",
        0,
        seq,
        "o" + seq,
        "n" + seq,
        "s",
        IssuanceLedger.ISSUED,
        "coupon" + seq,
        null,
        null,
        100);
  }

  @Test
  void answersAreWrittenInOneBatchOnceTheIntervalHasPassed() throws InterruptedException {
    AnswerRecorder recorder = new AnswerRecorder(ledger, Duration.ofMillis(50), stop, "c/0");
    recorder.add(answer(0));
    recorder.add(answer(1));
    recorder.flushIfDue();
    assertThat(batches).as("not due yet").isEmpty();
    Thread.sleep(60);
    recorder.add(answer(2));
    recorder.flushIfDue();
    assertThat(batches).containsExactly(List.of(answer(0), answer(1), answer(2)));
    recorder.flushIfDue();
    assertThat(batches).as("the interval starts again").hasSize(1);
  }

  @Test
  void theFinalFlushWritesWhateverIsQueued() {
    AnswerRecorder recorder = new AnswerRecorder(ledger, Duration.ofHours(1), stop, "c/0");
    recorder.add(answer(7));
    recorder.flush();
    assertThat(batches).containsExactly(List.of(answer(7)));
  }

  @Test
  void aRefusedBatchStaysQueuedStopsTheSegmentAndIsWrittenByTheFinalFlush()
      throws InterruptedException {
    AnswerRecorder recorder = new AnswerRecorder(ledger, Duration.ofMillis(1), stop, "c/0");
    refuse = new IllegalStateException("database down");
    recorder.add(answer(0));
    Thread.sleep(5);
    recorder.flushIfDue();
    assertThat(stop.stopped()).isTrue();
    assertThat(stop.ledgerFailure()).hasMessage("database down");
    assertThatThrownBy(recorder::flush).hasMessage("database down");

    refuse = null;
    recorder.add(answer(1));
    recorder.flush();
    assertThat(batches).containsExactly(List.of(answer(0), answer(1)));
  }
}
