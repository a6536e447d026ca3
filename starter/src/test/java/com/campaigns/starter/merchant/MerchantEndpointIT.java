package com.campaigns.starter.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.sandbox.SandboxMerchant;
import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/v1/merchants} and the {@code merchants} health: modes, live checks, never a
 * secret.
 */
@StackTest
class MerchantEndpointIT {

  @LocalServerPort int port;
  ApiClient api;

  @BeforeEach
  void setUp() {
    api = ApiClient.on(port);
  }

  static JsonNode merchant(JsonNode listing, String mchid) {
    for (JsonNode m : listing.path("merchants")) {
      if (m.path("mchid").asText().equals(mchid)) {
        return m;
      }
    }
    throw new AssertionError("no merchant " + mchid + " in " + listing);
  }

  /** Every secret of every sandbox merchant, as fragments that must never appear in an answer. */
  static List<String> secrets() {
    List<String> out = new ArrayList<>();
    for (SandboxMerchant m : TestSandbox.get().merchants()) {
      out.add(m.apiv3Key());
      m.merchantPrivateKeyPem()
          .lines()
          .filter(l -> !l.startsWith("-----"))
          .limit(3)
          .forEach(out::add);
      if (m.wechatpayPublicKeyPem() != null) {
        m.wechatpayPublicKeyPem()
            .lines()
            .filter(l -> !l.startsWith("-----"))
            .limit(2)
            .forEach(out::add);
      }
    }
    out.add("PRIVATE KEY");
    out.add("BEGIN");
    return out;
  }

  @Test
  void listsEveryMerchantWithItsModeAndALiveCheckThatVerifiedTheAnswer() {
    Answer a = api.get("/api/v1/merchants");

    assertThat(a.status()).isEqualTo(200);
    JsonNode publicKey = merchant(a.json(), "1900000001");
    assertThat(publicKey.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(publicKey.path("mode").asText()).isEqualTo("public-key");
    assertThat(publicKey.path("appids").toString()).contains("wx0000000000000001");
    assertThat(publicKey.path("merchant_serial_number").asText())
        .isEqualTo(TestSandbox.get().merchant("1900000001").merchantSerialNumber());
    assertThat(publicKey.path("public_key_id").asText()).startsWith("PUB_KEY_ID_");
    assertThat(publicKey.path("rate_limit_per_second").asInt()).isEqualTo(500);
    assertThat(publicKey.path("source").asText()).startsWith("sandbox ");
    assertThat(publicKey.path("problems")).isEmpty();
    assertThat(publicKey.path("check").path("status").asText()).isEqualTo("OK");
    assertThat(publicKey.path("check").path("checked_at").asText()).isNotBlank();

    JsonNode certificate = merchant(a.json(), "1900000002");
    assertThat(certificate.path("mode").asText()).isEqualTo("platform-certificate");
    assertThat(certificate.path("public_key_id").isNull()).isTrue();
    assertThat(certificate.path("check").path("status").asText()).isEqualTo("OK");
  }

  @Test
  void neitherTheListingNorTheHealthShowsASecret() {
    String listing = api.get("/api/v1/merchants").text();
    String health = api.get("/actuator/health").text();
    for (String secret : secrets()) {
      assertThat(listing).doesNotContain(secret);
      assertThat(health).doesNotContain(secret);
    }
  }

  @Test
  void actuatorHealthReportsTheMerchants() {
    Answer a = api.get("/actuator/health");

    // Other tests of this shared context register a fake merchant unknown to WeChat Pay: DEGRADED
    // then.
    JsonNode merchants = a.json().path("components").path("merchants");
    assertThat(merchants.path("status").asText()).isIn("UP", "DEGRADED");
    assertThat(merchants.has("details")).as("details are GET /api/v1/merchants").isFalse();
    assertThat(a.json().path("status").asText()).isEqualTo("UP");
  }
}
