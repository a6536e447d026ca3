package com.campaigns.activities.issuance;

import com.campaigns.ledger.IssuanceLedger.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a segment's answers and writes them to the ledger in batches. The sender threads flush
 * when the interval has passed, so the dispatching thread never waits on the database and keeps to
 * its slots; one sender flushes at a time while the others go on sending. A batch that cannot be
 * written stays queued: dispatching stops, and the final {@link #flush()} writes it or fails the
 * attempt, which Temporal retries.
 */
final class AnswerRecorder {

  private static final Logger log = LoggerFactory.getLogger(AnswerRecorder.class);

  /** Where batches go: {@code IssuanceLedger::record} in the activity. */
  interface Ledger {
    void record(List<Outcome> batch);
  }

  private final Ledger ledger;
  private final long intervalNanos;
  private final SegmentStop stop;
  private final String segment;
  private final ConcurrentLinkedQueue<Outcome> answers = new ConcurrentLinkedQueue<>();
  private final ReentrantLock flushing = new ReentrantLock();
  private volatile long lastFlush = System.nanoTime();

  AnswerRecorder(Ledger ledger, Duration interval, SegmentStop stop, String segment) {
    this.ledger = ledger;
    this.intervalNanos = interval.toNanos();
    this.stop = stop;
    this.segment = segment;
  }

  void add(Outcome outcome) {
    answers.add(outcome);
  }

  /** Writes the queued answers if the flush interval has passed and no other sender is writing. */
  void flushIfDue() {
    if (System.nanoTime() - lastFlush < intervalNanos || !flushing.tryLock()) {
      return;
    }
    try {
      if (System.nanoTime() - lastFlush >= intervalNanos) {
        write();
        lastFlush = System.nanoTime();
      }
    } catch (RuntimeException e) {
      log.warn("ledger flush of segment {} failed: {}", segment, e.toString());
      stop.ledgerFailure(e);
      lastFlush = System.nanoTime();
    } finally {
      flushing.unlock();
    }
  }

  /** Writes every queued answer now; throws if the ledger refuses them (they stay queued). */
  void flush() {
    flushing.lock();
    try {
      write();
    } finally {
      flushing.unlock();
    }
  }

  private void write() {
    List<Outcome> batch = new ArrayList<>();
    Outcome o;
    while ((o = answers.poll()) != null) {
      batch.add(o);
    }
    try {
      ledger.record(batch);
    } catch (RuntimeException e) {
      answers.addAll(batch);
      throw e;
    }
  }
}
