package com.campaigns.starter.merchant;

import com.campaigns.activities.wechat.MerchantChecks;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code merchants} in /actuator/health: UP when every merchant is loaded and passes its live
 * check, DEGRADED when some do not (details say which and why; the overall status stays UP, so one
 * merchant's problem does not take the API out of a load balancer), DOWN when no merchant is
 * usable.
 */
@Component("merchants")
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
