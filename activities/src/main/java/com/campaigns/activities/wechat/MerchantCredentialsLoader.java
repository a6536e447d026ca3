package com.campaigns.activities.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Reads merchant credentials from configuration: inline properties (secrets as text or file paths)
 * or, for local development only, the sandbox's admin API, which hands out the keys it generated.
 * Fails with a message naming the merchant and the field.
 */
public final class MerchantCredentialsLoader {

  private final WechatPayProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  public MerchantCredentialsLoader(WechatPayProperties properties) {
    this.properties = properties;
  }

  public List<MerchantCredentials> load() {
    List<MerchantCredentials> out = new ArrayList<>();
    for (WechatPayProperties.Merchant m : properties.merchants()) {
      out.add(fromProperties(m));
    }
    if (properties.sandboxAdminUrl() != null && !properties.sandboxAdminUrl().isBlank()) {
      out.addAll(fromSandbox(properties.sandboxAdminUrl(), Duration.ofSeconds(60)));
    }
    return out;
  }

  private MerchantCredentials fromProperties(WechatPayProperties.Merchant m) {
    String who = "campaigns.wechatpay.merchants[mchid=" + m.mchid() + "]";
    if (m.mchid() == null || m.mchid().isBlank()) {
      throw new IllegalStateException("campaigns.wechatpay.merchants: a merchant has no mchid");
    }
    String mode = m.mode() == null ? MerchantCredentials.PUBLIC_KEY : m.mode();
    String privateKey = textOrFile(who, "private-key", m.privateKey(), m.privateKeyPath());
    String apiv3 = textOrFile(who, "apiv3-key", m.apiv3Key(), m.apiv3KeyPath()).strip();
    String publicKey = MerchantCredentials.PUBLIC_KEY.equals(mode)
        ? textOrFile(who, "public-key", m.publicKey(), m.publicKeyPath()) : null;
    return new MerchantCredentials(m.mchid(), m.appids() == null ? Set.of() : Set.copyOf(m.appids()),
        require(who, "merchant-serial-number", m.merchantSerialNumber()), privateKey, apiv3, m.publicKeyId(),
        publicKey, mode,
        m.rateLimitPerSecond() == null ? properties.defaultRateLimitPerSecond() : m.rateLimitPerSecond());
  }

  /** Polls the sandbox until it answers (it may start after us), then reads every merchant. */
  List<MerchantCredentials> fromSandbox(String adminUrl, Duration patience) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        HttpResponse<String> list = http.send(
            HttpRequest.newBuilder(URI.create(adminUrl + "/sandbox/merchants")).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (list.statusCode() == 200) {
          List<MerchantCredentials> out = new ArrayList<>();
          for (JsonNode m : merchantArray(json.readTree(list.body()))) {
            out.add(fromSandboxJson(m));
          }
          return out;
        }
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the sandbox at " + adminUrl + " did not answer: " + e.getMessage(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading sandbox merchants", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the sandbox at " + adminUrl + " did not list its merchants");
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
    boolean publicKey = !m.path("wechatpay_public_key_pem").isNull() && m.hasNonNull("wechatpay_public_key_pem");
    return new MerchantCredentials(
        m.path("mchid").asText(), appids, m.path("merchant_serial_number").asText(),
        m.path("merchant_private_key_pem").asText(), m.path("apiv3_key").asText(),
        publicKey ? m.path("wechatpay_public_key_id").asText() : null,
        publicKey ? m.path("wechatpay_public_key_pem").asText() : null,
        publicKey ? MerchantCredentials.PUBLIC_KEY : MerchantCredentials.PLATFORM_CERTIFICATE,
        properties.defaultRateLimitPerSecond());
  }

  private static String textOrFile(String who, String field, String text, String path) {
    if (text != null && !text.isBlank()) {
      return text;
    }
    if (path != null && !path.isBlank()) {
      try {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(who + "." + field + "-path: cannot read " + path, e);
      }
    }
    throw new IllegalStateException(who + ": " + field + " (or " + field + "-path) is required");
  }

  private static String require(String who, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(who + ": " + field + " is required");
    }
    return value;
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
