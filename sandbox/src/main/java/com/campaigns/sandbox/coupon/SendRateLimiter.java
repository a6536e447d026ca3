package com.campaigns.sandbox.coupon;

import com.campaigns.sandbox.protocol.Rejected;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Send-coupon calls per merchant in fixed one-second windows of real time (a protocol limit). */
@Component
class SendRateLimiter {

  private final int perSecond;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  SendRateLimiter(LimitSettings settings) {
    this.perSecond = settings.sendRatePerSecond();
  }

  void acquire(String mchid) {
    long second = System.currentTimeMillis() / 1000;
    if (!windows.computeIfAbsent(mchid, k -> new Window()).tryAcquire(second, perSecond)) {
      throw new Rejected(429, "FREQUENCY_LIMITED", "请求过于频繁");
    }
  }

  private static final class Window {
    private long second;
    private int count;

    synchronized boolean tryAcquire(long now, int limit) {
      if (now != second) {
        second = now;
        count = 0;
      }
      return ++count <= limit;
    }
  }
}
