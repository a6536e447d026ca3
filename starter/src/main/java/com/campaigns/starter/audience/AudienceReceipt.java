package com.campaigns.starter.audience;

import com.campaigns.ledger.audience.AudienceStore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer to an upload. {@code invalid} lists at most the first 100 lines that are not openids;
 * {@code invalid_count} counts all of them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AudienceReceipt(
    String audienceId,
    long count,
    long duplicatesRemoved,
    List<InvalidLine> invalid,
    long invalidCount) {

  /** A rejected line, 1-based, as uploaded (cut at 200 characters). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record InvalidLine(long line, String value) {}

  static AudienceReceipt of(AudienceStore.Receipt r) {
    return new AudienceReceipt(
        r.audienceId(),
        r.count(),
        r.duplicatesRemoved(),
        r.invalid().stream().map(i -> new InvalidLine(i.line(), i.value())).toList(),
        r.invalidCount());
  }
}
