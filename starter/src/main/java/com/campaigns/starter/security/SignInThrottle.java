package com.campaigns.starter.security;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed console sign-ins per client address and in total, in fixed one-minute windows; once
 * either count reaches its limit, sign-ins are refused until the minute ends, without the token
 * being checked. Bounded: a window's counts are dropped when it ends, and within one the least
 * recently seen addresses are forgotten beyond {@code maxAddresses} (the total still counts them).
 * Thread-safe.
 */
final class SignInThrottle {

  private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

  private final ConsoleSecurityProperties.SignIn limits;
  private final Clock clock;
  private final Map<String, Integer> failures;
  private long window = Long.MIN_VALUE;
  private int total;

  SignInThrottle(ConsoleSecurityProperties.SignIn limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    this.failures =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > limits.maxAddresses();
          }
        };
  }

  /** Whether a sign-in from this address may be tried now. */
  synchronized boolean allows(String address) {
    roll();
    return total < limits.maxFailures()
        && failures.getOrDefault(address, 0) < limits.maxFailuresPerAddress();
  }

  synchronized void failed(String address) {
    roll();
    total++;
    failures.merge(address, 1, Integer::sum);
  }

  /** Until the current window ends. */
  Duration retryAfter() {
    long now = clock.millis();
    return Duration.ofMillis(WINDOW_MILLIS - Math.floorMod(now, WINDOW_MILLIS));
  }

  private void roll() {
    long current = Math.floorDiv(clock.millis(), WINDOW_MILLIS);
    if (current != window) {
      window = current;
      total = 0;
      failures.clear();
    }
  }
}
