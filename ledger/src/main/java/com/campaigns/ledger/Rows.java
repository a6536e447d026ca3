package com.campaigns.ledger;

import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The repositories' two common row operations. */
final class Rows {

  private Rows() {}

  /**
   * Runs an insert whose primary key is the idempotency key; false when that key was already there
   * (nothing was written).
   */
  static boolean insertedOnce(Runnable insert) {
    try {
      insert.run();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** The row that {@code sql} (one {@code ?}, a unique key) finds for {@code key}, if any. */
  static <T> Optional<T> one(JdbcClient jdbc, String sql, Object key, RowMapper<T> mapper) {
    return jdbc.sql(sql).param(key).query(mapper).optional();
  }
}
