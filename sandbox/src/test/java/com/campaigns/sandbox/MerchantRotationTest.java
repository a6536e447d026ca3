package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.CERT_MCHID;
import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /sandbox/merchants/{mchid}/rotate}: a new merchant key and serial; the old one
 * refused or in grace.
 */
class MerchantRotationTest {

  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static String listTarget(String mchid) {
    return "/v3/marketing/favor/stocks?stock_creator_mchid=" + mchid + "&offset=0&limit=10";
  }

  private static SandboxMerchant merchant(JsonNode json) throws Exception {
    return fixture
        .json
        .copy()
        .setPropertyNamingStrategy(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
        .treeToValue(json, SandboxMerchant.class);
  }

  @Test
  void rotationWithoutGraceRefusesTheOldKeyWithSignErrorAndAcceptsTheNewOne() throws Exception {
    SandboxMerchant before = fixture.sandbox.merchant(CERT_MCHID);
    RawClient old = new RawClient(fixture.sandbox, before);
    assertThat(old.call("GET", listTarget(CERT_MCHID), null).execute().status()).isEqualTo(200);

    SandboxMerchant after =
        merchant(fixture.admin("POST", "/sandbox/merchants/" + CERT_MCHID + "/rotate", Map.of()));

    assertThat(after.merchantSerialNumber()).isNotEqualTo(before.merchantSerialNumber());
    assertThat(after.merchantPrivateKeyPem()).isNotEqualTo(before.merchantPrivateKeyPem());
    assertThat(after.apiv3Key()).as("the APIv3 key stays").isEqualTo(before.apiv3Key());
    assertThat(after.platformCertificateSerial()).isEqualTo(before.platformCertificateSerial());
    assertThat(after.previousKeyValidUntil()).isNull();
    assertThat(fixture.sandbox.merchant(CERT_MCHID).merchantSerialNumber())
        .isEqualTo(after.merchantSerialNumber());

    RawClient.Result refused = old.call("GET", listTarget(CERT_MCHID), null).execute();
    assertThat(refused.status()).isEqualTo(401);
    JsonNode body = fixture.json.readTree(refused.body());
    assertThat(body.get("code").asText()).isEqualTo("SIGN_ERROR");
    assertThat(body.at("/detail/detail/issue").asText()).isEqualTo("serial_no not match");
    assertThat(
            new RawClient(fixture.sandbox, after)
                .call("GET", listTarget(CERT_MCHID), null)
                .execute()
                .status())
        .isEqualTo(200);
  }

  @Test
  void rotationWithGraceAcceptsBothKeysUntilTheGraceEnds() throws Exception {
    SandboxMerchant before = fixture.sandbox.merchant(PUBLIC_KEY_MCHID);
    JsonNode answer =
        fixture.admin(
            "POST",
            "/sandbox/merchants/" + PUBLIC_KEY_MCHID + "/rotate",
            Map.of("grace_seconds", 600));
    SandboxMerchant after = merchant(answer);
    Instant until = Instant.parse(after.previousKeyValidUntil());
    assertThat(until).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));

    assertThat(
            new RawClient(fixture.sandbox, before)
                .call("GET", listTarget(PUBLIC_KEY_MCHID), null)
                .execute()
                .status())
        .as("old key within grace")
        .isEqualTo(200);
    assertThat(
            new RawClient(fixture.sandbox, after)
                .call("GET", listTarget(PUBLIC_KEY_MCHID), null)
                .execute()
                .status())
        .as("new key")
        .isEqualTo(200);
  }

  @Test
  void everyMerchantHasAMerchantCertificateWhoseSerialAndKeyAreItsOwn() throws Exception {
    for (SandboxMerchant m : fixture.sandbox.merchants()) {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          m.merchantCertificatePem().getBytes(StandardCharsets.US_ASCII)));
      assertThat(certificate.getSerialNumber())
          .isEqualTo(new BigInteger(m.merchantSerialNumber(), 16));
      var key =
          (java.security.interfaces.RSAPrivateCrtKey)
              java.security.KeyFactory.getInstance("RSA")
                  .generatePrivate(
                      new java.security.spec.PKCS8EncodedKeySpec(
                          java.util.Base64.getDecoder()
                              .decode(
                                  m.merchantPrivateKeyPem()
                                      .replaceAll("-----[A-Z ]+-----", "")
                                      .replaceAll("\\s", ""))));
      assertThat(((java.security.interfaces.RSAPublicKey) certificate.getPublicKey()).getModulus())
          .isEqualTo(key.getModulus());
    }
  }

  @Test
  void rotatingAnUnknownMerchantIs404() throws Exception {
    try (var response =
        fixture.adminCall("POST", "/sandbox/merchants/1999999999/rotate", Map.of())) {
      assertThat(response.code()).isEqualTo(404);
    }
  }
}
