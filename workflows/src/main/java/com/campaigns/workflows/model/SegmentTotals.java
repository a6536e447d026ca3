package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Absolute ledger totals of a segment or a wave: coupons issued, recipients rejected per WeChat Pay
 * code (final) and recipients failed (non-final, retried on the next run). Absolute, so a repeated
 * report replaces the previous one instead of adding to it.
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record SegmentTotals(long issued, Map<String, Long> rejectedByCode, long failed) {

  public static final SegmentTotals EMPTY = new SegmentTotals(0, Map.of(), 0);

  public SegmentTotals {
    // Sorted by code: the same order on every worker, wherever the totals are written out.
    rejectedByCode =
        rejectedByCode == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(rejectedByCode));
  }

  public long rejected() {
    return rejectedByCode.values().stream().mapToLong(Long::longValue).sum();
  }

  public SegmentTotals plus(SegmentTotals other) {
    Map<String, Long> codes = new TreeMap<>(rejectedByCode);
    other.rejectedByCode.forEach((code, n) -> codes.merge(code, n, Long::sum));
    return new SegmentTotals(issued + other.issued, codes, failed + other.failed);
  }
}
