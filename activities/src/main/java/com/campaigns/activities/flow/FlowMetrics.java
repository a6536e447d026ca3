package com.campaigns.activities.flow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The flow stage's counters (docs/operations.md, Alerts). */
final class FlowMetrics {

  private final MeterRegistry registry;

  FlowMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A not-ready answer: {@code answer} is INVALID_REQUEST or NOT_FOUND_WITH_USES. */
  void notReady(String mchid, String kind, String answer) {
    Counter.builder("campaigns_flow_not_ready")
        .description("WeChat Pay answers that a flow file is not there yet")
        .tag("mchid", mchid)
        .tag("kind", kind)
        .tag("answer", answer)
        .register(registry)
        .increment();
  }

  /** A campaign completed without WeChat Pay's flow files (its report says flows_unavailable). */
  void flowsUnavailable() {
    Counter.builder("campaigns_flows_unavailable")
        .description("campaigns completed without WeChat Pay's flow files after the deadline")
        .register(registry)
        .increment();
  }
}
