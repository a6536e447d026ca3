package com.campaigns.wechatpay;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads {@code campaigns.wechatpay.merchants-dir}: one folder per merchant, named by its mchid.
 *
 * <pre>
 * merchants/
 *   1900000001/
 *     merchant.yaml              mchid, appids, merchant-serial-number, mode, public-key-id, rate-limit-per-second,
 *                                callback-owned (or merchant.properties with the same keys)
 *     apiclient_key.pem          merchant API private key, PKCS#8 (BEGIN PRIVATE KEY)
 *     apiclient_cert.pem         merchant API certificate (optional; lets the serial and key be checked)
 *     apiv3.key                  APIv3 key, 32 bytes (a trailing newline is ignored)
 *     wechatpay_public_key.pem   WeChat Pay public key (public-key mode)
 * </pre>
 *
 * Entries starting with a dot are ignored (Kubernetes mounts secrets through {@code ..data}
 * symlinks; editors leave dot files). Every file is read whole on every scan: a few kilobytes per
 * merchant, and content, not modification times, decides what changed.
 */
public final class MerchantDirectory {

  public static final String YAML_FILE = "merchant.yaml";
  public static final String YML_FILE = "merchant.yml";
  public static final String PROPERTIES_FILE = "merchant.properties";
  public static final String PRIVATE_KEY_FILE = "apiclient_key.pem";
  public static final String CERTIFICATE_FILE = "apiclient_cert.pem";
  public static final String APIV3_KEY_FILE = "apiv3.key";
  public static final String PUBLIC_KEY_FILE = "wechatpay_public_key.pem";

  private static final List<String> FILES =
      List.of(
          YAML_FILE,
          YML_FILE,
          PROPERTIES_FILE,
          PRIVATE_KEY_FILE,
          CERTIFICATE_FILE,
          APIV3_KEY_FILE,
          PUBLIC_KEY_FILE);
  private static final Set<String> KEYS =
      Set.of(
          "mchid",
          "appids",
          "merchant-serial-number",
          "mode",
          "public-key-id",
          "rate-limit-per-second",
          "callback-owned");

  private final Path root;
  private final int defaultRateLimit;

  public MerchantDirectory(Path root, int defaultRateLimit) {
    this.root = root;
    this.defaultRateLimit = defaultRateLimit;
  }

  public Path root() {
    return root;
  }

  /**
   * One entry per merchant folder. A missing or unreadable root yields an error entry under the
   * mchid {@code *}, so that it is reported, never mistaken for "all merchants removed".
   */
  public List<MerchantSource> scan() throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException(
          "campaigns.wechatpay.merchants-dir " + root + " is not a readable directory");
    }
    List<MerchantSource> out = new ArrayList<>();
    List<Path> folders;
    try (Stream<Path> entries = Files.list(root)) {
      folders =
          entries
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(Files::isDirectory)
              .sorted()
              .toList();
    }
    for (Path folder : folders) {
      out.add(read(folder));
    }
    return out;
  }

  MerchantSource read(Path folder) {
    String name = folder.getFileName().toString();
    String source = "directory " + folder;
    Map<String, String> files = new LinkedHashMap<>();
    List<MerchantProblem> problems = new ArrayList<>();
    Fingerprint fingerprint = new Fingerprint().add(name);
    for (String file : FILES) {
      Path path = folder.resolve(file);
      String content = null;
      if (Files.isRegularFile(path)) {
        try {
          content = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
          problems.add(
              new MerchantProblem(
                  name, source, file, "cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
      }
      fingerprint.add(file).add(content);
      if (content != null) {
        files.put(file, content);
      }
    }
    String print = fingerprint.hex();
    Map<String, Object> settings = settings(name, source, files, problems);
    String mchid = text(settings.get("mchid"));
    if (mchid == null) {
      mchid = name;
    } else if (!mchid.equals(name)) {
      problems.add(
          new MerchantProblem(
              name,
              source,
              "mchid",
              "is "
                  + mchid
                  + " but the folder is named "
                  + name
                  + "; name the folder after the merchant"));
    }
    for (String key : settings.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add(
            new MerchantProblem(
                mchid, source, key, "is not a known setting (known: " + KEYS + ")"));
      }
    }
    String mode = text(settings.get("mode"));
    if (mode == null) {
      // Without a mode: public-key when there is anything of the public key, else the certificates.
      mode =
          files.containsKey(PUBLIC_KEY_FILE) || settings.get("public-key-id") != null
              ? MerchantCredentials.PUBLIC_KEY
              : MerchantCredentials.PLATFORM_CERTIFICATE;
    }
    if (!files.containsKey(PRIVATE_KEY_FILE)) {
      problems.add(new MerchantProblem(mchid, source, PRIVATE_KEY_FILE, "file is missing"));
    }
    if (!files.containsKey(APIV3_KEY_FILE)) {
      problems.add(new MerchantProblem(mchid, source, APIV3_KEY_FILE, "file is missing"));
    }
    if (MerchantCredentials.PUBLIC_KEY.equals(mode) && !files.containsKey(PUBLIC_KEY_FILE)) {
      problems.add(
          new MerchantProblem(
              mchid, source, PUBLIC_KEY_FILE, "file is missing (mode is public-key)"));
    }
    int rate = defaultRateLimit;
    Object rateSetting = settings.get("rate-limit-per-second");
    if (rateSetting != null) {
      try {
        rate = Integer.parseInt(text(rateSetting));
      } catch (NumberFormatException e) {
        problems.add(
            new MerchantProblem(mchid, source, "rate-limit-per-second", "is not a whole number"));
      }
    }
    String owned = text(settings.get("callback-owned"));
    if (owned != null && !owned.equals("true") && !owned.equals("false")) {
      problems.add(new MerchantProblem(mchid, source, "callback-owned", "must be true or false"));
    }
    if (!problems.isEmpty()) {
      return MerchantSource.failed(mchid, source, problems, print);
    }
    String apiv3 = files.get(APIV3_KEY_FILE);
    MerchantCredentials credentials =
        new MerchantCredentials(
            mchid,
            appids(settings.get("appids")),
            text(settings.get("merchant-serial-number")),
            files.get(PRIVATE_KEY_FILE),
            apiv3 == null ? null : apiv3.strip(),
            text(settings.get("public-key-id")),
            MerchantCredentials.PUBLIC_KEY.equals(mode) ? files.get(PUBLIC_KEY_FILE) : null,
            mode,
            rate,
            files.get(CERTIFICATE_FILE),
            "true".equals(owned));
    return MerchantSource.of(credentials, source, MerchantCredentialChecks.Fields.DIRECTORY, print);
  }

  private static Map<String, Object> settings(
      String mchid, String source, Map<String, String> files, List<MerchantProblem> problems) {
    List<String> present =
        Stream.of(YAML_FILE, YML_FILE, PROPERTIES_FILE).filter(files::containsKey).toList();
    if (present.isEmpty()) {
      problems.add(
          new MerchantProblem(
              mchid,
              source,
              YAML_FILE,
              "file is missing (or "
                  + PROPERTIES_FILE
                  + "): it names the appids and the merchant serial"));
      return Map.of();
    }
    if (present.size() > 1) {
      problems.add(
          new MerchantProblem(
              mchid,
              source,
              present.get(0),
              "more than one settings file: " + present + "; keep one"));
      return Map.of();
    }
    String file = present.get(0);
    String content = files.get(file);
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      if (file.equals(PROPERTIES_FILE)) {
        Properties p = new Properties();
        p.load(new StringReader(content));
        p.stringPropertyNames().forEach(k -> out.put(k.strip(), p.getProperty(k).strip()));
      } else {
        Object parsed = yaml().load(content);
        if (parsed instanceof Map<?, ?> map) {
          map.forEach((k, v) -> out.put(String.valueOf(k), v));
        } else if (parsed != null) {
          problems.add(new MerchantProblem(mchid, source, file, "must be a mapping of settings"));
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(
          new MerchantProblem(
              mchid, source, file, "cannot be parsed (" + e.getClass().getSimpleName() + ")"));
    }
    return out;
  }

  /**
   * Every plain scalar stays text: a serial of digits must not become a number, nor {@code 0123} an
   * octal one.
   */
  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    DumperOptions dumper = new DumperOptions();
    return new Yaml(
        new SafeConstructor(options),
        new Representer(dumper),
        dumper,
        options,
        new Resolver() {
          @Override
          protected void addImplicitResolvers() {}
        });
  }

  private static Set<String> appids(Object value) {
    Set<String> out = new LinkedHashSet<>();
    if (value instanceof Collection<?> list) {
      list.forEach(a -> out.add(String.valueOf(a).strip()));
    } else if (value != null) {
      for (String a : value.toString().split(",")) {
        if (!a.isBlank()) {
          out.add(a.strip());
        }
      }
    }
    return out;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString().strip();
    return s.isEmpty() ? null : s;
  }
}
