package com.campaigns.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server of the {@code postgres} profile (CAMPAIGNS_TEST_POSTGRES_URL, set by
 * ./campaigns test), cleaned and migrated once per test JVM.
 */
public final class PostgresTestDatabase {

  private static DataSource dataSource;

  private PostgresTestDatabase() {}

  public static synchronized DataSource migrated() {
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
}
