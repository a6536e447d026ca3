package com.campaigns.ledger.audience;

import com.campaigns.ledger.PostgresTestDatabase;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

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

  @Override
  void copyToShortId(String fullId, String shortId) {
    JdbcClient jdbc = JdbcClient.create(PostgresTestDatabase.migrated());
    jdbc.sql(
            "INSERT INTO audience (audience_id, recipient_count, sha256, created_at)"
                + " SELECT ?, recipient_count, sha256, created_at FROM audience WHERE audience_id = ?")
        .params(shortId, fullId)
        .update();
    jdbc.sql(
            "INSERT INTO audience_recipient (audience_id, seq, openid)"
                + " SELECT ?, seq, openid FROM audience_recipient WHERE audience_id = ?")
        .params(shortId, fullId)
        .update();
  }
}
