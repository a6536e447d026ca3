package com.campaigns.sandbox.admin;

import com.campaigns.sandbox.flow.FlowService;
import com.campaigns.sandbox.flow.FlowService.StockFlowSettings;
import com.campaigns.sandbox.flow.FlowSettings;
import com.campaigns.sandbox.protocol.Rejected;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * One stock's flow files made to behave unlike {@code sandbox.flow.*}: never published, published
 * later, or answered 404 before they are, so a test can play WeChat Pay's undocumented answers for
 * one campaign while the others on the same sandbox run normally.
 */
@RestController
record FlowAdminController(FlowService flows) {

  @GetMapping("/sandbox/stocks/{stockId}/flows")
  FlowView get(@PathVariable String stockId) {
    return view(flows.settingsOf(stockId));
  }

  @PutMapping("/sandbox/stocks/{stockId}/flows")
  FlowView put(@PathVariable String stockId, @RequestBody FlowBody body) {
    if (body.delaySeconds() != null && body.delaySeconds() < 0) {
      throw new Rejected(400, "PARAM_ERROR", "delay_seconds must not be negative");
    }
    return view(
        flows.override(
            stockId,
            parse(FlowSettings.Readiness.class, "ready", body.ready()),
            body.delaySeconds() == null ? null : Duration.ofSeconds(body.delaySeconds()),
            parse(FlowSettings.NotReadyAnswer.class, "not_ready_answer", body.notReadyAnswer())));
  }

  @DeleteMapping("/sandbox/stocks/{stockId}/flows")
  ResponseEntity<Void> delete(@PathVariable String stockId) {
    flows.clearOverride(stockId);
    return ResponseEntity.noContent().build();
  }

  /** {@code next-day-10am} → NEXT_DAY_10AM; anything else is refused naming the field. */
  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new Rejected(400, "PARAM_ERROR", field + ": unknown value " + value);
    }
  }

  private static FlowView view(StockFlowSettings s) {
    return new FlowView(name(s.ready()), s.delay().toSeconds(), name(s.notReadyAnswer()));
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  record FlowBody(String ready, Long delaySeconds, String notReadyAnswer) {}

  record FlowView(String ready, long delaySeconds, String notReadyAnswer) {}
}
