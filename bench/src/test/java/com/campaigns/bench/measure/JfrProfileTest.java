package com.campaigns.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JfrProfileTest {

  @Test
  void cryptoFramesAreChargedToRsaEvenBelowTheSdk() {
    assertThat(
            JfrProfile.charge(
                List.of(
                    "java.math.BigInteger",
                    "sun.security.rsa.RSACore",
                    "com.wechat.pay.java.core.cipher.AbstractSigner")))
        .isEqualTo("RSA signing and verifying (JCA)");
  }

  @Test
  void genericJdkFramesAreChargedToTheirFirstKnownCaller() {
    assertThat(
            JfrProfile.charge(
                List.of(
                    "java.util.HashMap",
                    "java.util.concurrent.locks.ReentrantLock",
                    "org.h2.mvstore.MVMap",
                    "com.campaigns.ledger.IssuanceLedger")))
        .isEqualTo("ledger and send slots (H2, JDBC)");
    assertThat(
            JfrProfile.charge(
                List.of("java.lang.String", "com.campaigns.ledger.audience.AudienceStore")))
        .isEqualTo("campaigns code (issuance loop, audiences)");
  }

  @Test
  void aStackOfOnlyJdkFramesStaysJdk() {
    assertThat(JfrProfile.charge(List.of("java.lang.Thread", "jdk.internal.misc.Unsafe")))
        .isEqualTo(JfrProfile.JDK);
    assertThat(JfrProfile.charge(List.of())).isEqualTo(JfrProfile.JDK);
  }

  @Test
  void unknownPackagesAreOtherLibraries() {
    assertThat(JfrProfile.component("org.example.Thing")).isEqualTo("other libraries");
    assertThat(JfrProfile.component("java.util.ArrayList")).isNull();
    assertThat(JfrProfile.component("io.grpc.internal.ClientCallImpl"))
        .isEqualTo("Temporal SDK and gRPC");
  }

  @Test
  void sortedPutsTheLargestFirstAndBreaksTiesByName() {
    Map<String, Long> counts = new HashMap<>(Map.of("b", 5L, "a", 5L, "c", 9L, "d", 1L));
    assertThat(JfrProfile.sorted(counts).keySet()).containsExactly("c", "a", "b", "d");
  }
}
