package com.campaigns.ledger;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Migrated ledger databases for tests. */
public final class TestDatabases {

  private TestDatabases() {}

  /** A fresh in-memory H2 database in PostgreSQL mode, migrated by Flyway. */
  public static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:t-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).load().migrate();
    return ds;
  }
}
