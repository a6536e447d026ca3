package com.campaigns.ledger;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerVersionTest {

  @ParameterizedTest
  @ValueSource(ints = {11, 13, 14})
  void postgresOlderThan15IsRefusedNamingTheVersionAndTheMinimum(int major) {
    assertThatThrownBy(() -> ServerVersion.check("PostgreSQL", major, "jdbc:postgresql://db/x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PostgreSQL " + major)
        .hasMessageContaining("PostgreSQL 15 or newer")
        .hasMessageContaining("jdbc:postgresql://db/x");
  }

  @ParameterizedTest
  @ValueSource(ints = {15, 16, 17})
  void postgres15AndNewerPass(int major) {
    assertThatCode(() -> ServerVersion.check("PostgreSQL", major, "jdbc:postgresql://db/x"))
        .doesNotThrowAnyException();
  }

  @Test
  void h2ThePlainLocalDefaultPasses() {
    assertThatCode(() -> ServerVersion.check("H2", 2, "jdbc:h2:file:./.data/ledger"))
        .doesNotThrowAnyException();
  }
}
