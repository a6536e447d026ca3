package com.campaigns.worker.merchant;

import com.campaigns.activities.wechat.MerchantChecks;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code merchants} in the worker's /actuator/health, the same as the API's: UP when every merchant
 * is loaded and passes its live check (a signed query whose answer verifies), DEGRADED (details say
 * which merchant and why; the overall status stays UP) when some do not, DOWN when none is usable.
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
