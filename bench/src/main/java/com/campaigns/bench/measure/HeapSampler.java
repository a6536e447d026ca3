package com.campaigns.bench.measure;

import com.campaigns.bench.stack.BenchStack;
import com.campaigns.bench.stack.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forces a full GC in the first worker every few seconds while the campaign issues, and keeps the
 * heap the collection left in use. A tick samples only when the sandbox counted sends since the
 * previous tick, so the worker is measured at work: not while the stock is created and activated,
 * nor after the wave is done (an idle worker would make a short campaign look smaller).
 */
public final class HeapSampler {
  private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final BenchStack stack;
  private final SendMeter meter;
  private final String label;
  private long lastCount;

  public HeapSampler(BenchStack stack, SendMeter meter, String label, long periodSeconds) {
    this.stack = stack;
    this.meter = meter;
    this.label = label;
    this.lastCount = meter.total();
    timer.scheduleWithFixedDelay(this::tick, periodSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  private void tick() {
    try {
      long count = meter.total();
      boolean issuing = count > lastCount;
      lastCount = count;
      if (issuing) {
        sample();
      }
    } catch (RuntimeException e) {
      Console.say("  heap sample skipped: %s", e);
    }
  }

  private void sample() {
    try {
      long used = stack.heapAfterGc(stack.workers().get(0));
      boolean highest = samples.stream().allMatch(s -> s < used);
      samples.add(used);
      if (highest) {
        // What the largest sample holds: a class histogram of the live heap, beside the logs.
        Files.writeString(
            stack.logs().resolve("heap-" + label + "-max.txt"),
            "sample "
                + samples.size()
                + ", "
                + used
                + " bytes after GC\n"
                + stack.jcmd(stack.workers().get(0), "GC.class_histogram"));
      }
    } catch (IOException e) {
      Console.say("  heap histogram not written: %s", e);
    } catch (RuntimeException e) {
      Console.say("  heap sample failed: %s", e);
    }
  }

  public void stop() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (samples.isEmpty()) {
      sample();
    }
  }

  public List<Long> samples() {
    return List.copyOf(samples);
  }

  public long maxBytes() {
    return samples().stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
