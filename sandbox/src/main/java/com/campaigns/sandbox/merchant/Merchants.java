package com.campaigns.sandbox.merchant;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
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

  private final Map<String, Merchant> byMchid = new LinkedHashMap<>();

  public Merchants(MerchantProperties properties, ObjectMapper json) {
    CredentialFactory factory = new CredentialFactory();
    for (MerchantProperties.Definition definition : properties.merchants()) {
      Credentials credentials =
          properties.dataDir() == null
              ? factory.create(definition)
              : loadOrCreate(properties.dataDir().resolve(definition.mchid()), definition, factory, json);
      byMchid.put(definition.mchid(), new Merchant(definition, credentials));
    }
  }

  public Optional<Merchant> find(String mchid) {
    return Optional.ofNullable(mchid == null ? null : byMchid.get(mchid));
  }

  public Collection<Merchant> all() {
    return byMchid.values();
  }

  private static Credentials loadOrCreate(
      Path dir, MerchantProperties.Definition definition, CredentialFactory factory, ObjectMapper json) {
    Path file = dir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        Credentials stored = json.readValue(file.toFile(), Credentials.class);
        if (matches(stored, definition)) {
          return stored;
        }
      }
      Credentials created = factory.create(definition);
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, FILE, ".tmp");
      json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), created);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep credentials under " + dir, e);
    }
  }

  /** Stored keys are reused unless the configuration now asks for a key they lack (or no longer has). */
  private static boolean matches(Credentials stored, MerchantProperties.Definition definition) {
    return definition.mchid().equals(stored.mchid())
        && definition.publicKey() == (stored.wechatpayPublicKeyId() != null)
        && definition.platformCertificate() == (stored.platformCertificateSerial() != null);
  }
}
