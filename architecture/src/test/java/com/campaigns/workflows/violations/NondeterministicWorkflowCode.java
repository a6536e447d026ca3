package com.campaigns.workflows.violations;

import java.io.File;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Workflow code doing everything it must not; {@code RulesCatchViolationsTest} expects each rule to
 * fail.
 */
public class NondeterministicWorkflowCode {

  long clock() {
    return System.currentTimeMillis()
        + System.nanoTime()
        + Instant.now().toEpochMilli()
        + LocalDateTime.now().getNano();
  }

  boolean io() {
    return new File("/tmp/state").exists();
  }

  void threads() {
    Executors.newSingleThreadExecutor().submit(() -> {});
    new Thread(() -> {}).start();
  }

  synchronized void lock() {}

  String randomness() {
    return UUID.randomUUID() + " " + new Random().nextInt() + " " + Math.random();
  }
}
