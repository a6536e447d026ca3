package com.campaigns.starter.notification;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debounces usage reports: at most one per campaign per interval, sent on a background thread. A
 * request while one is due is absorbed, since the report carries absolute totals read at send time;
 * the due flag is cleared before the totals are read, so no recorded use is ever left out.
 */
class UsageSignals implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UsageSignals.class);

  private final Consumer<String> send;
  private final long intervalNanos;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Boolean> due = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSent = new ConcurrentHashMap<>();

  /**
   * @param send reports a campaign's current totals to its workflow
   */
  UsageSignals(Consumer<String> send, Duration interval) {
    this.send = send;
    this.intervalNanos = interval.toNanos();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "usage-signals");
              t.setDaemon(true);
              return t;
            });
  }

  void request(String campaignId) {
    if (due.putIfAbsent(campaignId, Boolean.TRUE) != null) {
      return;
    }
    Long last = lastSent.get(campaignId);
    long wait = last == null ? 0 : Math.max(0, last + intervalNanos - System.nanoTime());
    scheduler.schedule(() -> sendNow(campaignId), wait, TimeUnit.NANOSECONDS);
  }

  private void sendNow(String campaignId) {
    due.remove(campaignId);
    lastSent.put(campaignId, System.nanoTime());
    try {
      send.accept(campaignId);
    } catch (RuntimeException e) {
      // The workflow also reads the ledger's totals on its own stock checks; the next use resends.
      log.warn("usage report for campaign {} failed: {}", campaignId, e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
