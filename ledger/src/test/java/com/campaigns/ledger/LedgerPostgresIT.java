package com.campaigns.ledger;

import static org.assertj.core.api.Assertions.assertThatCode;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract on PostgreSQL. Runs in the {@code postgres} profile, which the README's test
 * command enables after starting a PostgreSQL server; the URL comes from
 * CAMPAIGNS_TEST_POSTGRES_URL.
 */
class LedgerPostgresIT extends LedgerContract {

  @Override
  DataSource dataSource() {
    return PostgresTestDatabase.migrated();
  }

  @Test
  void theTestServerIsNewEnoughForTheLedger() {
    assertThatCode(() -> ServerVersion.require(dataSource())).doesNotThrowAnyException();
  }
}
