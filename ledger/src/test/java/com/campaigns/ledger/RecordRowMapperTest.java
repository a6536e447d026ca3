package com.campaigns.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecordRowMapperTest {

  record Row(int small, long big, String text, Long optional, OffsetDateTime at) {}

  record Unsupported(double ratio) {}

  private final JdbcClient jdbc = JdbcClient.create(TestDatabases.h2());

  @Test
  void mapsColumnsInOrderToComponents() {
    Row row =
        jdbc.sql(
                "SELECT CAST(7 AS INTEGER), CAST(12345678901 AS BIGINT), 'x', CAST(5 AS BIGINT),"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-02 03:04:05+00'")
            .query(RecordRowMapper.of(Row.class))
            .single();

    assertThat(row)
        .isEqualTo(
            new Row(
                7,
                12345678901L,
                "x",
                5L,
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)));
  }

  @Test
  void nullIsZeroForAPrimitiveAndNullOtherwise() {
    Row row =
        jdbc.sql(
                "SELECT CAST(NULL AS INTEGER), CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR),"
                    + " CAST(NULL AS BIGINT), CAST(NULL AS TIMESTAMP WITH TIME ZONE)")
            .query(RecordRowMapper.of(Row.class))
            .single();

    assertThat(row).isEqualTo(new Row(0, 0, null, null, null));
  }

  @Test
  void refusesAPrimitiveItCannotRead() {
    assertThatThrownBy(() -> RecordRowMapper.of(Unsupported.class))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
