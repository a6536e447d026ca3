package com.campaigns.activities.issuance;

import java.util.concurrent.TimeUnit;

/**
 * The sleeps of a segment run. An interrupt (the worker shutting down) ends the sleep early and
 * stays set, so the run's next checkpoint sees it.
 */
final class Waits {

  private Waits() {}

  static void millis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void micros(long micros) {
    try {
      TimeUnit.MICROSECONDS.sleep(micros);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sleeps until an epoch-microsecond instant (a send slot). */
  static void untilMicros(long epochMicros) {
    long wait = epochMicros - System.currentTimeMillis() * 1000;
    if (wait > 0) {
      micros(wait);
    }
  }
}
