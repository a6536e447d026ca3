package com.campaigns.activities;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The ledger's database going away and coming back, as a restarted PostgreSQL does to a pool: while
 * it is down no connection can be had, and every connection already held fails its next statement,
 * commit and rollback (Spring then reports "JDBC rollback failed"). When it is up again new
 * connections work; the broken ones stay broken until closed.
 */
public final class LedgerOutage extends DelegatingDataSource {

  private static final Set<String> ALWAYS_ALLOWED = Set.of("close", "isClosed", "unwrap");

  private volatile boolean down;
  private volatile String failingTable;
  private volatile String failingThreads;
  private final AtomicInteger failuresLeft = new AtomicInteger();

  public LedgerOutage(DataSource target) {
    super(target);
  }

  public void down() {
    down = true;
  }

  public void up() {
    down = false;
  }

  /**
   * The next {@code n} statements on {@code table} prepared by threads whose name starts with
   * {@code threadPrefix} fail (a statement timeout), while everything else goes on working.
   */
  public void failStatements(String table, String threadPrefix, int n) {
    failingTable = table;
    failingThreads = threadPrefix;
    failuresLeft.set(n);
  }

  /** How many of the statement failures asked for have not happened yet. */
  public int statementFailuresLeft() {
    return failuresLeft.get();
  }

  private boolean failsStatement(String method, Object[] args) {
    return method.startsWith("prepare")
        && args != null
        && args[0] instanceof String sql
        && failingTable != null
        && sql.contains(failingTable)
        && Thread.currentThread().getName().startsWith(failingThreads)
        && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down) {
      throw new SQLTransientConnectionException("the ledger database is down");
    }
    Connection target = super.getConnection();
    boolean[] broken = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (!ALWAYS_ALLOWED.contains(method.getName()) && (down || broken[0])) {
                broken[0] = true;
                throw new SQLException("Connection is closed (the ledger database restarted)");
              }
              if (failsStatement(method.getName(), args)) {
                throw new SQLTransientConnectionException(
                    "canceling statement due to statement timeout");
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
