package com.campaigns.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  static final Instant MINUTE = Instant.parse("2026-12-03T06:00:00Z");

  @Test
  void anAddressIsRefusedAfterItsFailuresUntilTheMinuteEnds() {
    SignInThrottle throttle = throttle(3, 100, 100, MINUTE.plusSeconds(10));
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.allows("203.0.113.7")).isTrue();
      throttle.failed("203.0.113.7");
    }
    assertThat(throttle.allows("203.0.113.7")).isFalse();
    assertThat(throttle.allows("203.0.113.8")).isTrue();
    assertThat(throttle.retryAfter()).isEqualTo(Duration.ofSeconds(50));

    SignInThrottle nextMinute = at(throttle, MINUTE.plusSeconds(60));
    assertThat(nextMinute.allows("203.0.113.7")).isTrue();
  }

  @Test
  void everyoneIsRefusedOnceTheTotalIsReached() {
    SignInThrottle throttle = throttle(10, 5, 100, MINUTE);
    for (int i = 0; i < 5; i++) {
      throttle.failed("198.51.100." + i);
    }
    assertThat(throttle.allows("192.0.2.1")).isFalse();
  }

  @Test
  void rememberedAddressesAreBoundedButTheTotalStillCounts() {
    SignInThrottle throttle = throttle(2, 1000, 3, MINUTE);
    throttle.failed("a");
    throttle.failed("a");
    for (String other : new String[] {"b", "c", "d"}) {
      throttle.failed(other);
    }
    // "a" was forgotten to make room; the limits are per address and in total, both bounded.
    assertThat(throttle.allows("a")).isTrue();
    SignInThrottle tight = throttle(2, 5, 3, MINUTE);
    for (String any : new String[] {"a", "b", "c", "d", "e"}) {
      tight.failed(any);
    }
    assertThat(tight.allows("f")).isFalse();
  }

  private final MovableClock clock = new MovableClock();

  private SignInThrottle throttle(int perAddress, int total, int addresses, Instant now) {
    clock.now = now;
    return new SignInThrottle(
        new ConsoleSecurityProperties.SignIn(perAddress, total, addresses), clock);
  }

  private SignInThrottle at(SignInThrottle throttle, Instant now) {
    clock.now = now;
    return throttle;
  }

  static final class MovableClock extends Clock {
    Instant now;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
