package com.campaigns.wechatpay;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * {@code merchants} in /actuator/health of the API and of the worker: UP when every merchant is
 * loaded and passes its live check (a signed query whose answer verifies), DEGRADED when some do
 * not (details say which and why; the overall status stays UP, so one merchant's problem does not
 * take a process out of a load balancer), DOWN when no merchant is usable. Registered by {@link
 * WechatPayConfiguration}.
 */
class MerchantHealthIndicator implements HealthIndicator {

  private final MerchantChecks checks;

  MerchantHealthIndicator(MerchantChecks checks) {
    this.checks = checks;
  }

  @Override
  public Health health() {
    MerchantChecks.Summary summary = checks.summary();
    return Health.status(new Status(summary.status())).withDetails(summary.details()).build();
  }
}
