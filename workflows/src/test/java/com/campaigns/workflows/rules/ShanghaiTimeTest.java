package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShanghaiTimeTest {

  @Test
  void nextMidnightIsShanghaiMidnight() {
    // 2026-11-27 23:30 in Shanghai is 15:30Z; the next midnight is 2026-11-28 00:00 +08:00 =
    // 16:00Z.
    assertThat(ShanghaiTime.nextMidnight(Instant.parse("2026-11-27T15:30:00Z")))
        .isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
    assertThat(ShanghaiTime.nextMidnight(Instant.parse("2026-11-27T16:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-28T16:00:00Z"));
  }

  @Test
  void flowsArePublishedAtTenTheNextShanghaiDay() {
    assertThat(ShanghaiTime.flowsPublishedAt(Instant.parse("2026-12-31T15:59:59Z")))
        .isEqualTo(Instant.parse("2027-01-01T02:00:00Z"));
  }

  @Test
  void parsesOnlyTimesWithAnOffset() {
    assertThat(ShanghaiTime.parse("2026-12-01T10:00:00+08:00"))
        .contains(Instant.parse("2026-12-01T02:00:00Z"));
    assertThat(ShanghaiTime.parse("2026-12-01T10:00:00")).isEmpty();
    assertThat(ShanghaiTime.parse(null)).isEmpty();
  }

  @Test
  void formatsAsOpsReadIt() {
    assertThat(ShanghaiTime.display(Instant.parse("2026-12-01T02:00:00Z")))
        .isEqualTo("2026-12-01 10:00 +08:00");
    assertThat(ShanghaiTime.rfc3339(Instant.parse("2026-12-01T02:00:00Z")))
        .isEqualTo("2026-12-01T10:00:00+08:00");
  }
}
