package com.campaigns.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger contract on PostgreSQL. Runs in the {@code postgres} profile, which the README's test
 * command enables after starting a PostgreSQL server; the URL comes from
 * CAMPAIGNS_TEST_POSTGRES_URL.
 */
class LedgerPostgresIT extends LedgerContract {

  private static DataSource dataSource;

  @Override
  DataSource dataSource() {
    if (dataSource == null) {
      String url = System.getenv("CAMPAIGNS_TEST_POSTGRES_URL");
      assertThat(url).as("CAMPAIGNS_TEST_POSTGRES_URL (set by ./campaigns test)").isNotBlank();
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url);
      Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
      Flyway.configure().dataSource(ds).load().migrate();
      dataSource = ds;
    }
    return dataSource;
  }

  @Test
  void theTestServerIsNewEnoughForTheLedger() {
    assertThatCode(() -> ServerVersion.require(dataSource())).doesNotThrowAnyException();
  }
}
