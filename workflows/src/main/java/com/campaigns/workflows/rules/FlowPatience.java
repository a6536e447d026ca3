package com.campaigns.workflows.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a campaign waits for WeChat Pay's flow files: tries that grow apart (the first wait,
 * then twice as long each time, up to a ceiling) until a deadline past the expected publication.
 * With the defaults (5 min doubling to 1 h, 3 days) that is about 75 tries, a few hundred events of
 * history.
 */
public final class FlowPatience {

  private FlowPatience() {}

  /** When the campaign stops waiting: {@code deadline} past the expected publication. */
  public static Instant deadline(Instant expected, Duration deadline) {
    return expected.plus(deadline);
  }

  /** The wait after the {@code tries}-th not-ready answer (1 for the first). */
  public static Duration waitAfter(int tries, Duration first, Duration ceiling) {
    Duration wait = first;
    for (int i = 1; i < tries && wait.compareTo(ceiling) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(ceiling) > 0 ? ceiling : wait;
  }

  /**
   * The next try after the {@code tries}-th not-ready answer at {@code now}: never later than the
   * deadline, so the last try happens at it.
   */
  public static Instant nextTry(
      Instant now, int tries, Duration first, Duration ceiling, Instant deadline) {
    Instant next = now.plus(waitAfter(tries, first, ceiling));
    return next.isAfter(deadline) ? deadline : next;
  }
}
