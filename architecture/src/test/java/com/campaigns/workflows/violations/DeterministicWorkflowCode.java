package com.campaigns.workflows.violations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Workflow code using java.time and java.util as values only: every determinism rule passes it. */
public class DeterministicWorkflowCode {

  Instant deadline(Instant start, Duration wait) {
    return start.plus(wait).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
  }

  UUID derived(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  Map<String, List<Integer>> grouped() {
    return Map.of("a", List.of(1, 2));
  }
}
