package com.campaigns.sandbox.admin;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.fault.FaultRule;
import com.campaigns.sandbox.fault.Faults;
import com.campaigns.sandbox.notify.CouponUseNotifier;
import com.campaigns.sandbox.protocol.CallStats;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Faults, the business clock, call stats and notification deliveries. */
@RestController
class OperationsAdminController {

  private final Faults faults;
  private final BusinessClock clock;
  private final CallStats stats;
  private final CouponUseNotifier notifier;

  OperationsAdminController(
      Faults faults, BusinessClock clock, CallStats stats, CouponUseNotifier notifier) {
    this.faults = faults;
    this.clock = clock;
    this.stats = stats;
    this.notifier = notifier;
  }

  @PutMapping("/sandbox/faults")
  Faults.Snapshot replaceFaults(@RequestBody FaultPlan plan) {
    faults.replace(plan.rules() == null ? List.of() : plan.rules(), plan.seed());
    return faults.snapshot();
  }

  @GetMapping("/sandbox/faults")
  Faults.Snapshot faults() {
    return faults.snapshot();
  }

  @DeleteMapping("/sandbox/faults")
  ResponseEntity<Void> clearFaults() {
    faults.clear();
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/sandbox/clock")
  ClockState setClock(@RequestBody ClockBody body) {
    clock.setOffsetSeconds(body.offsetSeconds() == null ? 0 : body.offsetSeconds());
    return clock();
  }

  @GetMapping("/sandbox/clock")
  ClockState clock() {
    return new ClockState(
        clock.offsetSeconds(), BusinessClock.format(clock.now()), clock.now().toEpochMilli());
  }

  @GetMapping("/sandbox/stats")
  Map<String, Map<String, Object>> stats() {
    return stats.snapshot();
  }

  @DeleteMapping("/sandbox/stats")
  ResponseEntity<Void> resetStats() {
    stats.reset();
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/sandbox/notifications")
  List<CouponUseNotifier.DeliveryView> notifications() {
    return notifier.deliveries();
  }

  /**
   * Sends queued COUPON.USE notifications again, in the order listed (duplicates, out of order).
   */
  @PostMapping("/sandbox/notifications/redeliver")
  Map<String, Object> redeliver(@RequestBody RedeliverBody body) {
    List<String> ids = body == null || body.ids() == null ? List.of() : body.ids();
    return Map.of("redelivered", notifier.redeliver(ids));
  }

  record RedeliverBody(List<String> ids) {}

  record FaultPlan(Long seed, List<FaultRule> rules) {}

  record ClockBody(Long offsetSeconds) {}

  record ClockState(long offsetSeconds, String now, long nowEpochMillis) {}
}
