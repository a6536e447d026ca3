package com.campaigns.ledger;

import javax.sql.DataSource;

/** The ledger under concurrency on PostgreSQL (profile {@code postgres}). */
class LedgerConcurrencyPostgresIT extends LedgerConcurrencyContract {

  @Override
  DataSource dataSource() {
    return PostgresTestDatabase.migrated();
  }
}
