package com.campaigns.ledger.audience;

import com.campaigns.ledger.TestDatabases;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audience contract on H2 (PostgreSQL mode): a staging table instead of COPY. */
class DatabaseAudienceStoreH2Test extends AudienceStoreContract {

  private final DataSource dataSource = TestDatabases.h2();

  @Override
  AudienceStore store() {
    return new DatabaseAudienceStore(dataSource);
  }

  @Override
  AudienceStore store(AudienceLimits limits) {
    return new DatabaseAudienceStore(dataSource, limits);
  }

  @Override
  void copyToShortId(String fullId, String shortId) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
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
