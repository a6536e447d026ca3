package com.campaigns.ledger.audience;

import com.campaigns.ledger.TestDatabases;
import javax.sql.DataSource;

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
}
