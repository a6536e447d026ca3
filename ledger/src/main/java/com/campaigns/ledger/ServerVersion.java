package com.campaigns.ledger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The ledger's SQL needs PostgreSQL {@value #MINIMUM_POSTGRES_MAJOR} or newer ({@code MERGE}); the
 * worker and the API refuse to start on an older server instead of failing at the first merge of a
 * running campaign. H2 (the local stack's embedded default) passes.
 */
public final class ServerVersion {

  public static final int MINIMUM_POSTGRES_MAJOR = 15;

  private ServerVersion() {}

  /** Throws {@link IllegalStateException} naming the server and the minimum when it is too old. */
  public static void require(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      check(meta.getDatabaseProductName(), meta.getDatabaseMajorVersion(), meta.getURL());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the ledger database's version: " + e, e);
    }
  }

  static void check(String product, int major, String url) {
    if ("PostgreSQL".equalsIgnoreCase(product) && major < MINIMUM_POSTGRES_MAJOR) {
      throw new IllegalStateException(
          "the ledger database at "
              + url
              + " is PostgreSQL "
              + major
              + "; campaigns needs PostgreSQL "
              + MINIMUM_POSTGRES_MAJOR
              + " or newer (its SQL uses MERGE). Upgrade the server (docs/deployment.md, PostgreSQL).");
    }
  }
}
