package com.campaigns.ledger;

import javax.sql.DataSource;

/** The ledger contract on H2 (PostgreSQL mode), the embedded default. */
class LedgerH2Test extends LedgerContract {

  private final DataSource dataSource = TestDatabases.h2();

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
