package com.campaigns.ledger.audience;

import com.campaigns.ledger.PostgresTestDatabase;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The audience contract on PostgreSQL (COPY), and a million recipients uploaded by a JVM whose heap
 * could not hold them: the {@code postgres} profile, CAMPAIGNS_TEST_POSTGRES_URL.
 */
class DatabaseAudienceStorePostgresIT extends AudienceStoreContract {

  @Override
  AudienceStore store() {
    return new DatabaseAudienceStore(PostgresTestDatabase.migrated());
  }

  @Override
  AudienceStore store(AudienceLimits limits) {
    return new DatabaseAudienceStore(PostgresTestDatabase.migrated(), limits);
  }

  @Test
  void uploadsAMillionRecipientsInASmallHeap() throws IOException, InterruptedException {
    PostgresTestDatabase.migrated();
    SmallHeap.uploadAMillionRecipients(
        System.getenv("CAMPAIGNS_TEST_POSTGRES_URL"), tmp.resolve("probe.out"));
  }
}
