package com.campaigns.ledger;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's database as the repositories that write use it: statements, JDBC batches and
 * transactions over one DataSource.
 */
record LedgerDatabase(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate tx) {

  static LedgerDatabase over(DataSource dataSource) {
    return new LedgerDatabase(
        JdbcClient.create(dataSource),
        new JdbcTemplate(dataSource),
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
  }
}
