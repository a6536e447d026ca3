package com.campaigns.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads merchant credentials from configuration: inline properties (secrets as text or file paths,
 * the same keys as environment variables {@code CAMPAIGNS_WECHATPAY_MERCHANTS_0_…}) or, for local
 * development only, the sandbox's admin API, which hands out the keys it generated. Problems are
 * reported per merchant and field ({@link MerchantProblem}); one bad merchant never hides the
 * others.
 */
public final class MerchantCredentialsLoader {

  static final String INLINE = "properties campaigns.wechatpay.merchants";

  private final WechatPayProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  public MerchantCredentialsLoader(WechatPayProperties properties) {
    this.properties = properties;
  }

  /**
   * Every usable merchant of the inline properties and the sandbox; throws when any merchant has a
   * problem. For callers that want all or nothing (tests, tools); the registry uses the sources.
   */
  public List<MerchantCredentials> load() {
    List<MerchantSource> all = new ArrayList<>(inline());
    if (properties.sandboxAdminUrl() != null && !properties.sandboxAdminUrl().isBlank()) {
      all.addAll(sandbox(Duration.ofSeconds(60)));
    }
    List<MerchantProblem> problems = all.stream().flatMap(s -> s.problems().stream()).toList();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid merchant credentials: " + problems);
    }
    return all.stream().map(MerchantSource::credentials).toList();
  }

  /** The inline merchants; secrets given by path are read again on every call. */
  public List<MerchantSource> inline() {
    List<MerchantSource> out = new ArrayList<>();
    int index = 0;
    for (WechatPayProperties.Merchant m : properties.merchants()) {
      out.add(fromProperties(m, index++));
    }
    return out;
  }

  private MerchantSource fromProperties(WechatPayProperties.Merchant m, int index) {
    String source = INLINE + "[" + index + "]";
    String mchid = m.mchid() == null || m.mchid().isBlank() ? "[" + index + "]" : m.mchid();
    List<MerchantProblem> problems = new ArrayList<>();
    String mode = m.mode() == null ? MerchantCredentials.PUBLIC_KEY : m.mode();
    String privateKey =
        textOrFile(mchid, source, "private-key", m.privateKey(), m.privateKeyPath(), problems);
    String apiv3 = textOrFile(mchid, source, "apiv3-key", m.apiv3Key(), m.apiv3KeyPath(), problems);
    String publicKey =
        MerchantCredentials.PUBLIC_KEY.equals(mode)
            ? textOrFile(mchid, source, "public-key", m.publicKey(), m.publicKeyPath(), problems)
            : null;
    MerchantCredentials credentials =
        new MerchantCredentials(
            m.mchid(),
            m.appids() == null ? Set.of() : Set.copyOf(m.appids()),
            m.merchantSerialNumber(),
            privateKey,
            apiv3 == null ? null : apiv3.strip(),
            m.publicKeyId(),
            publicKey,
            mode,
            m.rateLimitPerSecond() == null
                ? properties.defaultRateLimitPerSecond()
                : m.rateLimitPerSecond(),
            null,
            Boolean.TRUE.equals(m.callbackOwned()));
    String fingerprint = Fingerprint.of(credentials);
    if (!problems.isEmpty()) {
      return MerchantSource.failed(mchid, source, problems, fingerprint);
    }
    return MerchantSource.of(
        credentials, source, MerchantCredentialChecks.Fields.PROPERTIES, fingerprint);
  }

  /** Polls the sandbox until it answers (it may start after us), then reads every merchant. */
  public List<MerchantSource> sandbox(Duration patience) {
    String adminUrl = properties.sandboxAdminUrl();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        HttpResponse<String> list =
            http.send(
                HttpRequest.newBuilder(URI.create(adminUrl + "/sandbox/merchants")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (list.statusCode() == 200) {
          List<MerchantSource> out = new ArrayList<>();
          for (JsonNode m : merchantArray(json.readTree(list.body()))) {
            MerchantCredentials c = fromSandboxJson(m);
            out.add(
                MerchantSource.of(
                    c,
                    "sandbox " + adminUrl,
                    MerchantCredentialChecks.Fields.PROPERTIES,
                    Fingerprint.of(c)));
          }
          return out;
        }
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the sandbox at " + adminUrl + " did not answer: " + e.getMessage(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading sandbox merchants", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the sandbox at " + adminUrl + " did not list its merchants");
      }
      sleep();
    }
  }

  private static Iterable<JsonNode> merchantArray(JsonNode root) {
    return root.isArray() ? root : root.path("merchants");
  }

  private MerchantCredentials fromSandboxJson(JsonNode m) {
    Set<String> appids = new LinkedHashSet<>();
    m.path("appids").forEach(a -> appids.add(a.asText()));
    boolean publicKey = m.hasNonNull("wechatpay_public_key_pem");
    return new MerchantCredentials(
        m.path("mchid").asText(),
        appids,
        m.path("merchant_serial_number").asText(),
        m.path("merchant_private_key_pem").asText(),
        m.path("apiv3_key").asText(),
        publicKey ? m.path("wechatpay_public_key_id").asText() : null,
        publicKey ? m.path("wechatpay_public_key_pem").asText() : null,
        publicKey ? MerchantCredentials.PUBLIC_KEY : MerchantCredentials.PLATFORM_CERTIFICATE,
        properties.defaultRateLimitPerSecond(),
        m.hasNonNull("merchant_certificate_pem")
            ? m.path("merchant_certificate_pem").asText()
            : null);
  }

  private static String textOrFile(
      String mchid,
      String source,
      String field,
      String text,
      String path,
      List<MerchantProblem> problems) {
    if (text != null && !text.isBlank()) {
      return text;
    }
    if (path != null && !path.isBlank()) {
      try {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(
            new MerchantProblem(
                mchid,
                source,
                field + "-path",
                "cannot read " + path + " (" + e.getClass().getSimpleName() + ")"));
        return null;
      }
    }
    problems.add(new MerchantProblem(mchid, source, field, "is required (or " + field + "-path)"));
    return null;
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
