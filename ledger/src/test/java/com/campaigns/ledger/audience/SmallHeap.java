package com.campaigns.ledger.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link MillionRecipientUpload} in a JVM whose heap could not hold a million openids. */
final class SmallHeap {

  /** Far below what a million openids take on the heap (a set of them needs ~100 MB). */
  static final String HEAP = "-Xmx48m";

  private SmallHeap() {}

  static void uploadAMillionRecipients(String target, Path out)
      throws IOException, InterruptedException {
    Process probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                MillionRecipientUpload.class.getName(),
                target)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    boolean finished = probe.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      probe.destroyForcibly();
    }
    assertThat(finished).as("the upload finished").isTrue();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    System.out.println(String.join("\n", lines));
    assertThat(probe.exitValue()).as(String.join("\n", lines)).isZero();
    assertThat(lines).anyMatch(l -> l.startsWith("stored 1000000 recipients"));
  }
}
