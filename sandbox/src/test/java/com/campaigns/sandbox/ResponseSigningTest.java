package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.CERT_MCHID;
import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.util.PemUtil;
import com.wechat.pay.java.service.cashcoupons.model.ListStocksRequest;
import com.wechat.pay.java.service.cashcoupons.model.StockCollection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Response signatures in public-key and platform-certificate mode, and the certificate download.
 */
class ResponseSigningTest {

  private static final String PUBLIC_KEY_ONLY = "1900000003";
  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture =
        SandboxFixture.start(
            SandboxOptions.builder()
                .property("sandbox.merchants[0].mchid", PUBLIC_KEY_MCHID)
                .property("sandbox.merchants[0].appids[0]", SandboxFixture.PUBLIC_KEY_APPID)
                .property("sandbox.merchants[1].mchid", CERT_MCHID)
                .property("sandbox.merchants[1].appids[0]", SandboxFixture.CERT_APPID)
                .property("sandbox.merchants[1].public-key", "false")
                .property("sandbox.merchants[2].mchid", PUBLIC_KEY_ONLY)
                .property("sandbox.merchants[2].appids[0]", "wx0000000000000003")
                .property("sandbox.merchants[2].platform-certificate", "false"));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static ListStocksRequest list(String mchid) {
    ListStocksRequest request = new ListStocksRequest();
    request.setOffset(0);
    request.setLimit(10);
    request.setStockCreatorMchid(mchid);
    return request;
  }

  private static String listTarget(String mchid) {
    return "/v3/marketing/favor/stocks?offset=0&limit=10&stock_creator_mchid=" + mchid;
  }

  @Test
  void signsWithExactHeaderNameCase() {
    RawClient.Result result =
        fixture.raw(PUBLIC_KEY_MCHID).call("GET", listTarget(PUBLIC_KEY_MCHID), null).execute();
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.headers().names())
        .contains(
            "Wechatpay-Timestamp",
            "Wechatpay-Nonce",
            "Wechatpay-Signature",
            "Wechatpay-Serial",
            "Request-ID");
  }

  @Test
  void publicKeyModeSdkVerifiesResponses() {
    StockCollection stocks = fixture.coupons(PUBLIC_KEY_MCHID).listStocks(list(PUBLIC_KEY_MCHID));
    assertThat(stocks.getTotalCount()).isNotNull();
  }

  @Test
  void publicKeyModeRejectsResponseSignedForAnotherKeyId() {
    SandboxMerchant m = fixture.sandbox.merchant(PUBLIC_KEY_MCHID);
    var config =
        new com.wechat.pay.java.core.RSAPublicKeyConfig.Builder()
            .merchantId(m.mchid())
            .merchantSerialNumber(m.merchantSerialNumber())
            .privateKey(m.merchantPrivateKeyPem())
            .publicKeyId("PUB_KEY_ID_SOMETHING_ELSE")
            .publicKey(m.wechatpayPublicKeyPem())
            .apiV3Key(m.apiv3Key())
            .build();
    // Unknown Wechatpay-Serial → the merchant's default key id, which the client does not expect.
    assertThatThrownBy(() -> fixture.coupons(config).listStocks(list(PUBLIC_KEY_MCHID)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void autoCertificateModeDownloadsCertificateAndVerifiesResponses() {
    SandboxMerchant m = fixture.sandbox.merchant(CERT_MCHID);
    RSAAutoCertificateConfig config =
        new RSAAutoCertificateConfig.Builder()
            .merchantId(m.mchid())
            .merchantSerialNumber(m.merchantSerialNumber())
            .privateKey(m.merchantPrivateKeyPem())
            .apiV3Key(m.apiv3Key())
            .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(fixture.okHttp))
            .build();
    StockCollection stocks = fixture.coupons(config).listStocks(list(CERT_MCHID));
    assertThat(stocks.getTotalCount()).isNotNull();
  }

  @Test
  void certificateSerialMatchesPemUtil() {
    SandboxMerchant m = fixture.sandbox.merchant(CERT_MCHID);
    String serial = PemUtil.getSerialNumber(PemUtil.loadX509FromString(m.platformCertificatePem()));
    assertThat(m.platformCertificateSerial()).isEqualTo(serial);
  }

  @Test
  void certificateModeWorksForMerchantThatAlsoHasPublicKey() {
    SandboxMerchant m = fixture.sandbox.merchant(PUBLIC_KEY_MCHID);
    RSAConfig config =
        new RSAConfig.Builder()
            .merchantId(m.mchid())
            .merchantSerialNumber(m.merchantSerialNumber())
            .privateKey(m.merchantPrivateKeyPem())
            .wechatPayCertificates(m.platformCertificatePem())
            .build();
    assertThat(fixture.coupons(config).listStocks(list(PUBLIC_KEY_MCHID)).getTotalCount())
        .isNotNull();
  }

  @Test
  void choosesSigningKeyFromRequestedSerial() {
    SandboxMerchant m = fixture.sandbox.merchant(PUBLIC_KEY_MCHID);
    RawClient raw = fixture.raw(PUBLIC_KEY_MCHID);
    RawClient.Call byCertificate = raw.call("GET", listTarget(PUBLIC_KEY_MCHID), null);
    byCertificate.wechatpaySerial = m.platformCertificateSerial().toLowerCase();
    assertThat(byCertificate.execute().headers().get("Wechatpay-Serial"))
        .isEqualTo(m.platformCertificateSerial());
    RawClient.Call byKeyId = raw.call("GET", listTarget(PUBLIC_KEY_MCHID), null);
    byKeyId.wechatpaySerial = m.wechatpayPublicKeyId();
    assertThat(byKeyId.execute().headers().get("Wechatpay-Serial"))
        .isEqualTo(m.wechatpayPublicKeyId());
    RawClient.Call unknown = raw.call("GET", listTarget(PUBLIC_KEY_MCHID), null);
    unknown.wechatpaySerial = "NOT_A_KEY";
    assertThat(unknown.execute().headers().get("Wechatpay-Serial"))
        .isEqualTo(m.wechatpayPublicKeyId());
  }

  @Test
  void certificateOnlyMerchantDefaultsToCertificateSerial() {
    RawClient.Result result =
        fixture.raw(CERT_MCHID).call("GET", listTarget(CERT_MCHID), null).execute();
    assertThat(result.headers().get("Wechatpay-Serial"))
        .isEqualTo(fixture.sandbox.merchant(CERT_MCHID).platformCertificateSerial());
  }

  @Test
  void certificatesAnswerIsSignedAndEncrypted() throws Exception {
    RawClient.Result result =
        fixture.raw(CERT_MCHID).call("GET", "/v3/certificates?algorithm_type=RSA", null).execute();
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.headers().get("Wechatpay-Signature")).isNotBlank();
    var entry = fixture.json.readTree(result.body()).at("/data/0");
    assertThat(entry.get("serial_no").asText())
        .isEqualTo(fixture.sandbox.merchant(CERT_MCHID).platformCertificateSerial());
    assertThat(entry.at("/encrypt_certificate/algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
    assertThat(entry.at("/encrypt_certificate/nonce").asText()).hasSize(12);
    String pem =
        new com.wechat.pay.java.core.cipher.AeadAesCipher(
                fixture.sandbox.merchant(CERT_MCHID).apiv3Key().getBytes())
            .decrypt(
                entry.at("/encrypt_certificate/associated_data").asText().getBytes(),
                entry.at("/encrypt_certificate/nonce").asText().getBytes(),
                java.util.Base64.getDecoder()
                    .decode(entry.at("/encrypt_certificate/ciphertext").asText()));
    assertThat(pem).isEqualTo(fixture.sandbox.merchant(CERT_MCHID).platformCertificatePem());
  }

  @Test
  void merchantWithoutCertificateGetsNotFoundFromCertificates() throws Exception {
    RawClient.Result result =
        fixture
            .raw(PUBLIC_KEY_ONLY)
            .call("GET", "/v3/certificates?algorithm_type=RSA", null)
            .execute();
    assertThat(result.status()).isEqualTo(404);
    assertThat(fixture.json.readTree(result.body()).get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(fixture.json.readTree(result.body()).get("message").asText()).isEqualTo("无可用的平台证书");
    assertThat(fixture.sandbox.merchant(PUBLIC_KEY_ONLY).platformCertificateSerial()).isNull();
  }

  @Test
  void errorAnswersCarryNoSignature() {
    RawClient.Result result =
        fixture
            .raw(PUBLIC_KEY_MCHID)
            .call(
                "GET",
                "/v3/marketing/favor/stocks/404404?stock_creator_mchid=" + PUBLIC_KEY_MCHID,
                null)
            .execute();
    assertThat(result.status()).isEqualTo(404);
    assertThat(result.headers().get("Wechatpay-Signature")).isNull();
    assertThat(result.headers().get("Request-ID")).isNotBlank();
  }

  @Test
  void sdkSeesErrorsAsServiceException() {
    var request = new com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest();
    request.setStockId("404404");
    request.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    assertThatThrownBy(() -> fixture.coupons(PUBLIC_KEY_MCHID).queryStock(request))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(404);
              assertThat(e.getErrorCode()).isEqualTo("RESOURCE_NOT_EXISTS");
              assertThat(e.getErrorMessage()).isEqualTo("批次不存在");
            });
  }

  @Test
  void listsConfiguredMerchants() {
    assertThat(fixture.sandbox.merchants())
        .extracting(SandboxMerchant::mchid)
        .containsExactly(PUBLIC_KEY_MCHID, CERT_MCHID, PUBLIC_KEY_ONLY);
    assertThat(fixture.sandbox.merchant(CERT_MCHID).wechatpayPublicKeyId()).isNull();
    assertThat(fixture.admin("GET", "/sandbox/merchants", null).size()).isEqualTo(3);
    assertThat(
            fixture
                .admin("GET", "/sandbox/merchants/" + PUBLIC_KEY_ONLY, null)
                .get("platform_certificate_serial")
                .isNull())
        .isTrue();
    assertThat(List.of(fixture.sandbox.merchant(PUBLIC_KEY_MCHID).merchantPrivateKeyPem()))
        .allMatch(pem -> pem.startsWith("-----BEGIN PRIVATE KEY-----"));
  }
}
