package com.campaigns.bench.measure;

import com.campaigns.bench.stack.Http;
import com.campaigns.cli.stack.StackProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one instrument for every throughput figure: the sandbox's own count of send-coupon calls
 * ({@code GET /sandbox/stats}), read every 50 ms. A run's rate is the calls counted between the
 * first read that saw it begin and the read that saw it complete, over the time between those
 * reads, so the ceiling loop and a campaign are timed the same way, at the sandbox, without their
 * start-up.
 */
public final class SendMeter {

  private static final long POLL_MILLIS = 50;

  /** A measured run: calls, seconds, and each process's CPU seconds within the same interval. */
  public record Run(long calls, double seconds, Map<String, Double> cpuSeconds) {
    public double perSecond() {
      return calls / seconds;
    }

    /** CPU milliseconds per call of one process, 0 when it was not measured. */
    public double cpuMillisPerCall(String process) {
      return cpuSeconds.getOrDefault(process, 0.0) * 1000 / calls;
    }
  }

  private final Http sandbox;
  private final Supplier<Map<String, Duration>> cpu;

  public SendMeter(Http sandbox, Supplier<Map<String, Duration>> cpu) {
    this.sandbox = sandbox;
    this.cpu = cpu;
  }

  /** send_coupon calls the sandbox has answered so far, whatever the outcome. */
  public long total() {
    return sandbox.get("/sandbox/stats").path("send_coupon").path("total").asLong();
  }

  /**
   * Waits until {@code calls} more calls than {@code base} were counted, timing them from the first
   * one.
   */
  public Run measure(long base, long calls, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long startNanos = 0;
    long startCount = 0;
    Map<String, Duration> startCpu = null;
    while (true) {
      long now = System.nanoTime();
      long count = total();
      if (startCpu == null && count > base) {
        startNanos = now;
        startCount = count;
        startCpu = cpu.get();
      }
      if (count >= base + calls) {
        Map<String, Duration> endCpu = cpu.get();
        Map<String, Double> used = new LinkedHashMap<>();
        for (var e : endCpu.entrySet()) {
          Duration before = startCpu.getOrDefault(e.getKey(), Duration.ZERO);
          used.put(e.getKey(), e.getValue().minus(before).toNanos() / 1e9);
        }
        return new Run(count - startCount, (now - startNanos) / 1e9, used);
      }
      if (now > deadline) {
        throw new IllegalStateException(
            "only " + (count - base) + " of " + calls + " sends after " + timeout);
      }
      StackProcess.sleep(POLL_MILLIS);
    }
  }
}
