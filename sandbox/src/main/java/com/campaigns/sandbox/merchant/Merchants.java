package com.campaigns.sandbox.merchant;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The provisioned merchants. Credentials are generated at first start and kept under {@code
 * sandbox.data-dir} so clients configured once keep working across restarts; without a data dir
 * (tests) they are generated in memory.
 */
@Component
public class Merchants {

  private static final String FILE = "credentials.json";

  private final Map<String, Merchant> byMchid = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final CredentialFactory factory = new CredentialFactory();
  private final MerchantProperties properties;
  private final ObjectMapper json;

  public Merchants(MerchantProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
    for (MerchantProperties.Definition definition : properties.merchants()) {
      Credentials credentials =
          properties.dataDir() == null
              ? factory.create(definition)
              : loadOrCreate(
                  properties.dataDir().resolve(definition.mchid()), definition, factory, json);
      byMchid.put(definition.mchid(), new Merchant(definition, credentials));
      order.add(definition.mchid());
    }
  }

  /**
   * Replaces the merchant's API key pair and serial (and its merchant certificate), as a merchant
   * does in 商户平台 when it renews its API certificate. The old key is refused with SIGN_ERROR at
   * once, or after {@code grace} when that is positive (real time, like request timestamps). The
   * APIv3 key, the WeChat Pay public key and the platform certificate stay. With a data dir the new
   * credentials are kept there; the grace period is not.
   */
  public synchronized Merchant rotate(String mchid, java.time.Duration grace) {
    Merchant current = byMchid.get(mchid);
    if (current == null) {
      throw new IllegalArgumentException("no merchant " + mchid);
    }
    Credentials rotated = factory.rotate(current.credentials());
    Merchant.PreviousKey previous =
        grace.isNegative() || grace.isZero()
            ? null
            : new Merchant.PreviousKey(
                current.merchantSerialNumber(),
                current.merchantPublicKey(),
                java.time.Instant.now().plus(grace));
    Merchant next = new Merchant(current.definition(), rotated, previous);
    if (properties.dataDir() != null) {
      store(properties.dataDir().resolve(mchid), rotated, json);
    }
    byMchid.put(mchid, next);
    return next;
  }

  public Optional<Merchant> find(String mchid) {
    return Optional.ofNullable(mchid == null ? null : byMchid.get(mchid));
  }

  public Collection<Merchant> all() {
    return order.stream().map(byMchid::get).toList();
  }

  private Credentials loadOrCreate(
      Path dir,
      MerchantProperties.Definition definition,
      CredentialFactory factory,
      ObjectMapper json) {
    Path file = dir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        Credentials stored = json.readValue(file.toFile(), Credentials.class);
        if (matches(stored, definition)) {
          return stored;
        }
      }
      Credentials created = factory.create(definition);
      store(dir, created, json);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep credentials under " + dir, e);
    }
  }

  private static void store(Path dir, Credentials credentials, ObjectMapper json) {
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, FILE, ".tmp");
      json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), credentials);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep credentials under " + dir, e);
    }
  }

  /**
   * Stored keys are reused unless the configuration now asks for a key they lack (or no longer
   * has).
   */
  private static boolean matches(Credentials stored, MerchantProperties.Definition definition) {
    return definition.mchid().equals(stored.mchid())
        && definition.publicKey() == (stored.wechatpayPublicKeyId() != null)
        && definition.platformCertificate() == (stored.platformCertificateSerial() != null);
  }
}
