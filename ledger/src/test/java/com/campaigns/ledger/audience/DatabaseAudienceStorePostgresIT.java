package com.campaigns.ledger.audience;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.ledger.PostgresTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audience contract on PostgreSQL (COPY), and a million recipients uploaded by a JVM whose heap
 * could not hold them: the {@code postgres} profile, CAMPAIGNS_TEST_POSTGRES_URL.
 */
class DatabaseAudienceStorePostgresIT extends AudienceStoreContract {

  /** Far below what a million openids take on the heap (the file store's set needs ~100 MB). */
  static final String SMALL_HEAP = "-Xmx48m";

  @Override
  AudienceStore store() {
    return new DatabaseAudienceStore(PostgresTestDatabase.migrated());
  }

  @Test
  void uploadsAMillionRecipientsInASmallHeap() throws IOException, InterruptedException {
    PostgresTestDatabase.migrated();
    Path out = tmp.resolve("probe.out");
    Process probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SMALL_HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                MillionRecipientUpload.class.getName(),
                System.getenv("CAMPAIGNS_TEST_POSTGRES_URL"))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(probe.waitFor(120, TimeUnit.SECONDS)).as("the upload finished").isTrue();
    List<String> lines = java.nio.file.Files.readAllLines(out, StandardCharsets.UTF_8);
    System.out.println(String.join("\n", lines));
    assertThat(probe.exitValue()).as(String.join("\n", lines)).isZero();
    assertThat(lines).anyMatch(l -> l.startsWith("stored 1000000 recipients"));
  }
}
