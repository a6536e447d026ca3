package com.campaigns.ledger;

import javax.sql.DataSource;

/** The ledger under concurrency on H2, the embedded default (one worker's threads share it). */
class LedgerConcurrencyH2Test extends LedgerConcurrencyContract {

  private final DataSource dataSource = TestDatabases.h2();

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
