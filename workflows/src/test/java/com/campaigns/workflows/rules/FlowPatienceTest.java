package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowPatienceTest {

  @ParameterizedTest(name = "after try {0}: {1}")
  @CsvSource({"1, PT5M", "2, PT10M", "3, PT20M", "4, PT40M", "5, PT1H", "6, PT1H", "500, PT1H"})
  void waitsDoubleFromTheFirstUpToTheCeiling(int tries, String wait) {
    assertThat(FlowPatience.waitAfter(tries, Duration.ofMinutes(5), Duration.ofHours(1)))
        .isEqualTo(Duration.parse(wait));
  }

  @ParameterizedTest(name = "first {0}, ceiling {1}: {2}")
  @CsvSource({"PT2H, PT1H, PT1H", "PT1H, PT1H, PT1H", "PT30S, PT30S, PT30S"})
  void aFirstWaitAboveTheCeilingIsCut(String first, String ceiling, String wait) {
    assertThat(FlowPatience.waitAfter(1, Duration.parse(first), Duration.parse(ceiling)))
        .isEqualTo(Duration.parse(wait));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "2026-12-02T02:00:00Z, 2026-12-02T03:00:00Z",
    "2026-12-05T01:30:00Z, 2026-12-05T02:00:00Z",
    "2026-12-05T02:00:00Z, 2026-12-05T02:00:00Z"
  })
  void theLastTryFallsOnTheDeadline(String now, String next) {
    Instant deadline =
        FlowPatience.deadline(Instant.parse("2026-12-02T02:00:00Z"), Duration.ofDays(3));
    assertThat(deadline).isEqualTo(Instant.parse("2026-12-05T02:00:00Z"));
    assertThat(
            FlowPatience.nextTry(
                Instant.parse(now), 9, Duration.ofMinutes(5), Duration.ofHours(1), deadline))
        .isEqualTo(Instant.parse(next));
  }
}
