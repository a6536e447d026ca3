package com.campaigns.starter.campaign;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs Temporal client calls under a gRPC deadline ({@code campaigns.api.temporal-timeout}). The
 * SDK's own retries and its update loop honour the context deadline, so no HTTP request waits on
 * Temporal longer than that, e.g. a query or an update while no worker runs.
 */
@Component
class TemporalCalls implements DisposableBean {

  private final Duration timeout;
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "temporal-deadlines");
            t.setDaemon(true);
            return t;
          });

  TemporalCalls(CampaignApiProperties properties) {
    this.timeout = properties.temporalTimeout();
  }

  Duration timeout() {
    return timeout;
  }

  <T> T call(Supplier<T> call) {
    return call(call, timeout);
  }

  /** As {@link #call(Supplier)} with a shorter deadline (never a longer one). */
  <T> T call(Supplier<T> call, Duration deadline) {
    long millis = Math.min(deadline.toMillis(), timeout.toMillis());
    Context.CancellableContext context =
        Context.current().withDeadlineAfter(millis, TimeUnit.MILLISECONDS, deadlines);
    try {
      return context.call(call::get);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      context.cancel(null);
    }
  }

  @Override
  public void destroy() {
    deadlines.shutdownNow();
  }
}
