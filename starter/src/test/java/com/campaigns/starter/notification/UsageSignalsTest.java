package com.campaigns.starter.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The debounce of usage signals: rate-limited per campaign, and never missing the last use. */
class UsageSignalsTest {

  record Sent(String campaignId, long atNanos) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();
  final Duration interval = Duration.ofMillis(200);
  UsageSignals signals =
      new UsageSignals(id -> sent.add(new Sent(id, System.nanoTime())), interval);

  @AfterEach
  void close() {
    signals.close();
  }

  @Test
  void aSteadyStreamOfUsesSignalsAtMostOncePerIntervalAndAfterTheLastUse() {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
    long lastRequest = 0;
    int requests = 0;
    while (System.nanoTime() < end) {
      signals.request("a");
      lastRequest = System.nanoTime();
      requests++;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
    long last = lastRequest;

    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> !sent.isEmpty() && sent.get(sent.size() - 1).atNanos() >= last);
    assertThat(sent.size()).isBetween(2, 6).isLessThan(requests);
    for (int i = 1; i < sent.size(); i++) {
      assertThat(sent.get(i).atNanos() - sent.get(i - 1).atNanos())
          .isGreaterThanOrEqualTo(interval.toNanos() - TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  @Test
  void campaignsAreSignalledIndependentlyAndTheFirstUseWithoutDelay() {
    signals.close();
    signals =
        new UsageSignals(id -> sent.add(new Sent(id, System.nanoTime())), Duration.ofMinutes(1));

    signals.request("a");
    signals.request("b");

    await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 2);
    assertThat(sent).extracting(Sent::campaignId).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aFailedSignalDoesNotStopTheNextOne() {
    List<String> attempts = new CopyOnWriteArrayList<>();
    signals.close();
    signals =
        new UsageSignals(
            id -> {
              attempts.add(id);
              if (attempts.size() == 1) {
                throw new IllegalStateException("temporal is down");
              }
            },
            interval);

    signals.request("a");
    await().atMost(Duration.ofSeconds(1)).until(() -> attempts.size() == 1);
    signals.request("a");

    await().atMost(Duration.ofSeconds(2)).until(() -> attempts.size() == 2);
    assertThat(attempts).containsExactly("a", "a");
  }
}
