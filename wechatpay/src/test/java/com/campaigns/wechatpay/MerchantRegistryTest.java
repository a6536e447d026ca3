package com.campaigns.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merchant registry over a merchants directory: what it loads, how it reports bad credentials
 * (merchant and field, one bad merchant never hiding the others), and how it follows additions,
 * rotations and removals without a restart. Public-key mode only: it makes no network call.
 */
class MerchantRegistryTest {

  @TempDir Path dir;
  WechatMerchants merchants;
  MerchantRegistry registry;

  @BeforeEach
  void factory() {
    merchants = new WechatMerchants(new WechatPayClientFactory(properties()), List.of());
  }

  @AfterEach
  void close() {
    if (registry != null) {
      registry.close();
    }
  }

  WechatPayProperties properties() {
    return new WechatPayProperties(
        null,
        null,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        500,
        List.of(),
        dir,
        Duration.ofMillis(100),
        null);
  }

  MerchantRegistry registry() {
    registry = new MerchantRegistry(properties(), merchants);
    return registry;
  }

  MerchantStatus status(String mchid) {
    return registry.statuses().stream()
        .filter(s -> s.mchid().equals(mchid))
        .findFirst()
        .orElseThrow();
  }

  /** A merchant's generated keys, written as ops would lay them out. */
  static final class Keys {
    final KeyPair merchant = rsa();
    final KeyPair platform = rsa();
    final BigInteger serial = new BigInteger(160, new java.security.SecureRandom()).setBit(159);
    final String apiv3 = "0123456789abcdef0123456789ABCDEF";

    String serialHex() {
      return serial.toString(16).toUpperCase();
    }
  }

  Keys write(String mchid, String settingsFile, String settings) throws Exception {
    Keys k = new Keys();
    Path folder = Files.createDirectories(dir.resolve(mchid));
    Files.writeString(folder.resolve(settingsFile), settings.replace("SERIAL", k.serialHex()));
    Files.writeString(
        folder.resolve("apiclient_key.pem"),
        pem("PRIVATE KEY", k.merchant.getPrivate().getEncoded()));
    Files.writeString(folder.resolve("apiclient_cert.pem"), certificate(k.merchant, k.serial));
    Files.writeString(folder.resolve("apiv3.key"), k.apiv3 + "\n");
    Files.writeString(
        folder.resolve("wechatpay_public_key.pem"),
        pem("PUBLIC KEY", k.platform.getPublic().getEncoded()));
    return k;
  }

  static String yaml(String mchid) {
    return "appids: [wx0000000000000001, wx0000000000000009]\nmerchant-serial-number: SERIAL\n"
        + "public-key-id: PUB_KEY_ID_01"
        + mchid
        + "000000000001\nrate-limit-per-second: 120\n";
  }

  @Test
  void loadsOneMerchantPerFolderFromYamlOrProperties() throws Exception {
    Keys a = write("1900000101", "merchant.yaml", yaml("1900000101"));
    Keys b =
        write(
            "1900000102",
            "merchant.properties",
            "appids=wx0000000000000002\nmerchant-serial-number=SERIAL\n"
                + "public-key-id=PUB_KEY_ID_011900000102000000000001\n");
    registry();

    MerchantClient first = merchants.find("1900000101").orElseThrow();
    assertThat(first.appids())
        .containsExactlyInAnyOrder("wx0000000000000001", "wx0000000000000009");
    assertThat(first.merchantSerialNumber()).isEqualTo(a.serialHex());
    assertThat(first.rateLimitPerSecond()).isEqualTo(120);
    assertThat(first.mode()).isEqualTo(MerchantCredentials.PUBLIC_KEY);
    assertThat(first.source()).isEqualTo("directory " + dir.resolve("1900000101"));
    MerchantClient second = merchants.find("1900000102").orElseThrow();
    assertThat(second.merchantSerialNumber()).isEqualTo(b.serialHex());
    assertThat(second.rateLimitPerSecond()).as("default").isEqualTo(500);
    assertThat(registry.statuses())
        .extracting(MerchantStatus::state)
        .containsOnly(MerchantStatus.ACTIVE);
    assertThat(merchants.appidsByMerchant().apply("1900000101")).contains("wx0000000000000009");
  }

  @Test
  void callbackOwnedIsReadFromTheFolderAndAChangeOfItIsPickedUp() throws Exception {
    write("1900000101", "merchant.yaml", yaml("1900000101") + "callback-owned: true\n");
    write(
        "1900000102",
        "merchant.properties",
        "appids=wx0000000000000002\nmerchant-serial-number=SERIAL\n"
            + "public-key-id=PUB_KEY_ID_011900000102000000000001\ncallback-owned=false\n");
    write("1900000103", "merchant.yaml", yaml("1900000103"));
    write("1900000104", "merchant.yaml", yaml("1900000104") + "callback-owned: yes please\n");
    registry();

    assertThat(merchants.find("1900000101").orElseThrow().callbackOwned()).isTrue();
    assertThat(merchants.find("1900000102").orElseThrow().callbackOwned()).isFalse();
    assertThat(merchants.find("1900000103").orElseThrow().callbackOwned())
        .as("unset means not owned")
        .isFalse();
    assertThat(merchants.find("1900000104")).isEmpty();
    assertThat(status("1900000104").problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("callback-owned");
              assertThat(p.message()).isEqualTo("must be true or false");
            });

    Path settings = dir.resolve("1900000103").resolve("merchant.yaml");
    Files.writeString(
        settings, Files.readString(settings).replace("\nrate", "\ncallback-owned: true\nrate"));
    registry.reload();
    registry.reload();
    assertThat(merchants.find("1900000103").orElseThrow().callbackOwned()).isTrue();
  }

  @Test
  void aPkcs1PrivateKeyIsReportedWithTheMerchantAndTheFileAndTheOthersStillLoad() throws Exception {
    write("1900000101", "merchant.yaml", yaml("1900000101"));
    Keys bad = write("1900000102", "merchant.yaml", yaml("1900000102"));
    byte[] pkcs1 =
        PrivateKeyInfo.getInstance(bad.merchant.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();
    Files.writeString(dir.resolve("1900000102/apiclient_key.pem"), pem("RSA PRIVATE KEY", pkcs1));
    registry();

    assertThat(merchants.find("1900000101")).isPresent();
    assertThat(merchants.find("1900000102")).isEmpty();
    MerchantStatus status = status("1900000102");
    assertThat(status.state()).isEqualTo(MerchantStatus.UNAVAILABLE);
    assertThat(status.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.mchid()).isEqualTo("1900000102");
              assertThat(p.field()).isEqualTo("apiclient_key.pem");
              assertThat(p.message())
                  .contains("PKCS#1")
                  .contains("PKCS#8")
                  .contains("openssl pkcs8 -topk8");
            });
    assertThat(merchants.whyUnavailable("1900000102"))
        .contains("1900000102")
        .contains("apiclient_key.pem");
  }

  @Test
  void aShortApiV3KeyAndMissingFilesAreReportedFieldByField() throws Exception {
    write("1900000101", "merchant.yaml", yaml("1900000101"));
    Files.writeString(dir.resolve("1900000101/apiv3.key"), "only-sixteen-byt\n");
    write("1900000102", "merchant.yaml", yaml("1900000102"));
    Files.delete(dir.resolve("1900000102/apiclient_key.pem"));
    Files.delete(dir.resolve("1900000102/wechatpay_public_key.pem"));
    Files.createDirectories(dir.resolve("1900000103"));
    registry();

    assertThat(status("1900000101").problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("apiv3.key");
              assertThat(p.message()).contains("exactly 32 bytes").contains("found 16");
            });
    assertThat(status("1900000102").problems())
        .extracting(MerchantProblem::field)
        .containsExactlyInAnyOrder("apiclient_key.pem", "wechatpay_public_key.pem");
    assertThat(status("1900000102").problems())
        .extracting(MerchantProblem::message)
        .allMatch(m -> m.contains("missing"));
    assertThat(status("1900000103").problems())
        .extracting(MerchantProblem::field)
        .contains("merchant.yaml");
    assertThat(merchants.mchids()).isEmpty();
  }

  @Test
  void aSerialOrKeyThatDoesNotMatchTheMerchantCertificateIsReported() throws Exception {
    write(
        "1900000101",
        "merchant.yaml",
        yaml("1900000101").replace("SERIAL", "5157F09EFDC096DE15EBE81A47057A72"));
    Keys other = write("1900000102", "merchant.yaml", yaml("1900000102"));
    Files.writeString(
        dir.resolve("1900000102/apiclient_key.pem"),
        pem("PRIVATE KEY", rsa().getPrivate().getEncoded()));
    registry();

    assertThat(status("1900000101").problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("merchant-serial-number");
              assertThat(p.message())
                  .contains("does not match the merchant certificate apiclient_cert.pem");
            });
    assertThat(status("1900000102").problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("apiclient_key.pem");
              assertThat(p.message()).contains("does not belong to the merchant certificate");
            });
    assertThat(other.serialHex()).isNotBlank();
  }

  @Test
  void additionsRotationsAndRemovalsArePickedUpWithoutRestartOnceTwoScansAgree() throws Exception {
    write("1900000101", "merchant.yaml", yaml("1900000101"));
    registry();
    MerchantClient before = merchants.find("1900000101").orElseThrow();

    write("1900000102", "merchant.yaml", yaml("1900000102"));
    registry.reload();
    assertThat(merchants.find("1900000102")).as("seen once: maybe still being written").isEmpty();
    registry.reload();
    assertThat(merchants.find("1900000102")).as("seen twice: loaded").isPresent();

    Keys rotated = write("1900000101", "merchant.yaml", yaml("1900000101"));
    registry.reload();
    registry.reload();
    MerchantClient after = merchants.find("1900000101").orElseThrow();
    assertThat(after.merchantSerialNumber())
        .isEqualTo(rotated.serialHex())
        .isNotEqualTo(before.merchantSerialNumber());
    assertThat(after).isNotSameAs(before);

    // A broken rotation keeps the credentials in use and says why.
    Files.writeString(dir.resolve("1900000101/apiv3.key"), "short");
    registry.reload();
    registry.reload();
    assertThat(merchants.find("1900000101")).containsSame(after);
    assertThat(status("1900000101").state()).isEqualTo(MerchantStatus.STALE);
    assertThat(status("1900000101").problems())
        .extracting(MerchantProblem::field)
        .containsExactly("apiv3.key");

    deleteTree(dir.resolve("1900000102"));
    registry.reload();
    assertThat(merchants.find("1900000102")).isPresent();
    registry.reload();
    assertThat(merchants.find("1900000102")).isEmpty();
    assertThat(merchants.whyUnavailable("1900000102")).contains("removed from directory");
    assertThat(registry.statuses()).extracting(MerchantStatus::mchid).containsExactly("1900000101");
  }

  @Test
  void theBackgroundScanFollowsTheDirectory() throws Exception {
    registry().start();
    assertThat(merchants.mchids()).isEmpty();
    write("1900000101", "merchant.yaml", yaml("1900000101"));
    await().atMost(Duration.ofSeconds(10)).until(() -> merchants.find("1900000101").isPresent());
    deleteTree(dir.resolve("1900000101"));
    await().atMost(Duration.ofSeconds(10)).until(() -> merchants.find("1900000101").isEmpty());
  }

  @Test
  void noSecretAppearsInStatusesProblemsOrToString() throws Exception {
    Keys k = write("1900000101", "merchant.yaml", yaml("1900000101"));
    write("1900000102", "merchant.yaml", yaml("1900000102"));
    Files.writeString(dir.resolve("1900000102/apiv3.key"), "0123456789");
    registry();
    String privateKeyBody =
        pem("PRIVATE KEY", k.merchant.getPrivate().getEncoded())
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow();
    String everything =
        registry.statuses().toString()
            + merchants.all()
            + merchants.find("1900000101").map(MerchantClient::toString).orElseThrow();
    assertThat(everything)
        .doesNotContain(privateKeyBody)
        .doesNotContain(k.apiv3)
        .doesNotContain("0123456789")
        .doesNotContain("BEGIN");
  }

  @Test
  void inlinePropertiesWithKeyFilesAreRereadSoTheyMayBeRotatedInPlace() throws Exception {
    Keys k = new Keys();
    Path key = dir.resolve("inline-key.pem");
    Files.writeString(key, pem("PRIVATE KEY", k.merchant.getPrivate().getEncoded()));
    Path apiv3 = dir.resolve("inline-apiv3.key");
    Files.writeString(apiv3, k.apiv3);
    Path pub = dir.resolve("inline-pub.pem");
    Files.writeString(pub, pem("PUBLIC KEY", k.platform.getPublic().getEncoded()));
    WechatPayProperties.Merchant inline =
        new WechatPayProperties.Merchant(
            "1900000201",
            java.util.Set.of("wx01"),
            k.serialHex(),
            null,
            key.toString(),
            null,
            apiv3.toString(),
            "PUB_KEY_ID_1",
            null,
            pub.toString(),
            null,
            50);
    WechatPayProperties p =
        new WechatPayProperties(
            null, null, Duration.ofSeconds(5), Duration.ofSeconds(10), 500, List.of(inline));
    registry = new MerchantRegistry(p, merchants);
    assertThat(merchants.find("1900000201").map(MerchantClient::rateLimitPerSecond)).contains(50);

    Files.writeString(
        key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    registry.reload();
    registry.reload();
    assertThat(status("1900000201").state()).isEqualTo(MerchantStatus.STALE);
    assertThat(status("1900000201").problems())
        .singleElement()
        .satisfies(pr -> assertThat(pr.field()).isEqualTo("private-key"));
    assertThat(Optional.of(status("1900000201").source()))
        .contains(MerchantCredentialsLoader.INLINE + "[0]");
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static String certificate(KeyPair pair, BigInteger serial) throws Exception {
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=test merchant");
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            serial,
            Date.from(now.minusSeconds(60)),
            Date.from(now.plus(Duration.ofDays(365))),
            name,
            pair.getPublic());
    X509Certificate c =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    return pem("CERTIFICATE", c.getEncoded());
  }

  static void deleteTree(Path root) throws IOException {
    try (var files = Files.walk(root)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
