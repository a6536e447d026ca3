package com.campaigns.wechatpay;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link WechatMerchants} in step with the configured merchant sources, without a restart.
 *
 * <p>Sources, by precedence when two name the same mchid: the merchants directory ({@code
 * campaigns.wechatpay.merchants-dir}, {@link MerchantDirectory}), the inline properties and
 * environment ({@code campaigns.wechatpay.merchants[i]}; secrets given by path are re-read), and
 * the sandbox's admin API (read once at startup; development only).
 *
 * <p>Every {@code reload-interval} the sources are scanned and each merchant's content fingerprint
 * compared with what is in use. A change is applied once two consecutive scans see the same
 * content, so a rotation written file by file is never loaded half-way; a folder that disappears is
 * removed after two scans likewise. Then:
 *
 * <ul>
 *   <li>new and valid: clients are built and the merchant becomes usable;
 *   <li>changed and valid (a rotation, a move to the public key): new clients are built and swapped
 *       in; calls under way finish with the old ones;
 *   <li>changed but invalid, or the build failed (e.g. no platform certificate): the previous
 *       credentials stay in use (state STALE) and the problem is logged once, naming the merchant
 *       and the field;
 *   <li>gone from every source: removed; its campaigns pause with MERCHANT_UNAVAILABLE at their
 *       next call and resume when it is back.
 * </ul>
 *
 * One merchant's problem never affects another merchant. Secrets are never logged.
 */
public class MerchantRegistry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MerchantRegistry.class);

  /** A failed build of unchanged credentials (network, WeChat Pay down) is retried this often. */
  private static final Duration BUILD_RETRY = Duration.ofSeconds(30);

  private final WechatPayProperties properties;
  private final WechatMerchants merchants;
  private final MerchantCredentialsLoader loader;
  private final MerchantDirectory directory;
  private final List<MerchantSource> sandbox;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Entry> entries = new TreeMap<>();
  private List<MerchantSource> lastDirectoryScan = List.of();
  private String directoryError;
  private boolean initialized;
  private ScheduledExecutorService scanner;

  public MerchantRegistry(WechatPayProperties properties, WechatMerchants merchants) {
    this.properties = properties;
    this.merchants = merchants;
    this.loader = new MerchantCredentialsLoader(properties);
    this.directory =
        properties.merchantsDir() == null
            ? null
            : new MerchantDirectory(
                properties.merchantsDir(), properties.defaultRateLimitPerSecond());
    this.sandbox =
        properties.sandboxAdminUrl() == null || properties.sandboxAdminUrl().isBlank()
            ? List.of()
            : loader.sandbox(Duration.ofSeconds(60));
    reload();
  }

  /** The live merchants this registry maintains. */
  public WechatMerchants merchants() {
    return merchants;
  }

  /** True when any source is configured (a directory counts even while empty). */
  public boolean configured() {
    return directory != null || !properties.merchants().isEmpty() || !sandbox.isEmpty();
  }

  /** Scans again every {@code reload-interval} on a daemon thread, until {@link #close()}. */
  public synchronized MerchantRegistry start() {
    if (scanner == null) {
      scanner =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "merchant-registry");
                t.setDaemon(true);
                return t;
              });
      long millis = properties.reloadInterval().toMillis();
      scanner.scheduleWithFixedDelay(this::reloadQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  @Override
  public synchronized void close() {
    if (scanner != null) {
      scanner.shutdownNow();
      scanner = null;
    }
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException e) {
      log.error("merchant reload failed; the merchants in use are unchanged", e);
    }
  }

  /**
   * Scans every source once and applies what is settled. The first call (at construction) applies
   * everything at once; later calls wait for a change to be seen twice.
   */
  public synchronized void reload() {
    Map<String, MerchantSource> chosen = new LinkedHashMap<>();
    Map<String, List<String>> shadowed = new HashMap<>();
    for (MerchantSource s : scanAll()) {
      MerchantSource first = chosen.putIfAbsent(s.mchid(), s);
      if (first != null) {
        shadowed.computeIfAbsent(s.mchid(), k -> new ArrayList<>()).add(s.source());
      }
    }
    boolean settle = initialized;
    initialized = true;
    for (MerchantSource s : chosen.values()) {
      Entry e = entries.computeIfAbsent(s.mchid(), Entry::new);
      e.shadowed = shadowed.getOrDefault(s.mchid(), List.of());
      e.absentScans = 0;
      e.present = true;
      if (s.fingerprint().equals(e.appliedFingerprint) && !buildRetryDue(e, s)) {
        e.seenFingerprint = s.fingerprint();
        continue;
      }
      if (settle && !s.fingerprint().equals(e.seenFingerprint)) {
        e.seenFingerprint = s.fingerprint();
        continue;
      }
      e.seenFingerprint = s.fingerprint();
      apply(e, s);
    }
    for (Entry e : entries.values()) {
      if (chosen.containsKey(e.mchid) || !e.present) {
        continue;
      }
      if (settle && ++e.absentScans < 2) {
        continue;
      }
      e.present = false;
      String reason = "removed from " + e.source + " at " + clock.instant();
      merchants.remove(e.mchid, reason);
      log.warn("merchant {} {}; its campaigns pause until it is back", e.mchid, reason);
      e.appliedFingerprint = null;
      e.seenFingerprint = null;
      e.problems = List.of();
      e.buildError = null;
    }
    entries
        .values()
        .removeIf(e -> !e.present && merchants.find(e.mchid).isEmpty() && e.forgettable());
  }

  private boolean buildRetryDue(Entry e, MerchantSource s) {
    return s.valid()
        && e.buildError != null
        && e.lastBuildAttempt != null
        && clock.instant().isAfter(e.lastBuildAttempt.plus(BUILD_RETRY));
  }

  private void apply(Entry e, MerchantSource s) {
    e.source = s.source();
    e.appliedFingerprint = s.fingerprint();
    Optional<MerchantClient> current = merchants.find(e.mchid);
    if (!s.valid()) {
      e.problems = s.problems();
      e.buildError = null;
      log.error(
          "merchant {} ({}) has invalid credentials{}: {}",
          e.mchid,
          s.source(),
          current.isPresent()
              ? "; the credentials loaded at " + current.get().loadedAt() + " stay in use"
              : "",
          s.problems().stream().map(p -> p.field() + ": " + p.message()).toList());
      merchants.unavailable(
          e.mchid,
          "credentials in "
              + s.source()
              + " are invalid ("
              + String.join(
                  ", ", s.problems().stream().map(MerchantProblem::field).distinct().toList())
              + ")");
      return;
    }
    e.problems = List.of();
    e.lastBuildAttempt = clock.instant();
    MerchantClient built;
    try {
      built = merchants.factory().build(s.credentials(), s.source(), clock.instant());
    } catch (RuntimeException ex) {
      e.buildError =
          new MerchantProblem(
              e.mchid,
              s.source(),
              "credentials",
              WechatPayClientFactory.firstLine(
                  ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
      log.error(
          "merchant {} ({}) could not be loaded{}: {}",
          e.mchid,
          s.source(),
          current.isPresent()
              ? "; the credentials loaded at " + current.get().loadedAt() + " stay in use"
              : "",
          e.buildError.message());
      merchants.unavailable(e.mchid, e.buildError.message());
      return;
    }
    e.buildError = null;
    merchants.install(built);
    if (current.isEmpty()) {
      log.info(
          "merchant {} loaded from {}: mode {}, serial {}, appids {}, {} sends/s",
          e.mchid,
          s.source(),
          built.mode(),
          built.merchantSerialNumber(),
          built.appids(),
          built.rateLimitPerSecond());
    } else {
      MerchantClient old = current.get();
      log.info(
          "merchant {} reloaded from {}: mode {} -> {}, serial {} -> {}, public key id {} -> {}, {} sends/s",
          e.mchid,
          s.source(),
          old.mode(),
          built.mode(),
          old.merchantSerialNumber(),
          built.merchantSerialNumber(),
          old.publicKeyId(),
          built.publicKeyId(),
          built.rateLimitPerSecond());
    }
  }

  private List<MerchantSource> scanAll() {
    List<MerchantSource> all = new ArrayList<>();
    if (directory != null) {
      try {
        lastDirectoryScan = directory.scan();
        if (directoryError != null) {
          log.info("merchants directory {} is readable again", directory.root());
          directoryError = null;
        }
      } catch (IOException | RuntimeException e) {
        String message = e.getMessage();
        if (!Objects.equals(message, directoryError)) {
          log.error(
              "merchants directory {} cannot be scanned ({}); its merchants stay as they are",
              directory.root(),
              message);
          directoryError = message;
        }
      }
      all.addAll(lastDirectoryScan);
    }
    all.addAll(loader.inline());
    all.addAll(sandbox);
    return all;
  }

  /** Every merchant known to a source or registered from code, by mchid; never a secret. */
  public synchronized List<MerchantStatus> statuses() {
    Map<String, MerchantStatus> out = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (Entry e : entries.values()) {
      if (!e.present) {
        continue;
      }
      seen.add(e.mchid);
      Optional<MerchantClient> live = merchants.find(e.mchid);
      List<MerchantProblem> problems = new ArrayList<>(e.problems);
      if (e.buildError != null) {
        problems.add(e.buildError);
      }
      for (String other : e.shadowed) {
        problems.add(
            new MerchantProblem(
                e.mchid, other, "mchid", "also defined here; ignored in favour of " + e.source));
      }
      String state =
          live.isEmpty()
              ? MerchantStatus.UNAVAILABLE
              : e.problems.isEmpty() && e.buildError == null
                  ? MerchantStatus.ACTIVE
                  : MerchantStatus.STALE;
      out.put(
          e.mchid,
          live.map(c -> status(c, state, problems))
              .orElse(
                  MerchantStatus.withoutCredentials(
                      e.mchid, state, e.source, List.copyOf(problems))));
    }
    for (MerchantClient c : merchants.all()) {
      if (!seen.contains(c.mchid())) {
        out.put(c.mchid(), status(c, MerchantStatus.ACTIVE, List.of()));
      }
    }
    if (directoryError != null) {
      out.put(
          "*",
          MerchantStatus.withoutCredentials(
              "*",
              MerchantStatus.STALE,
              "directory " + directory.root(),
              List.of(
                  new MerchantProblem(
                      "*", "directory " + directory.root(), "merchants-dir", directoryError))));
    }
    return out.values().stream().sorted(Comparator.comparing(MerchantStatus::mchid)).toList();
  }

  private static MerchantStatus status(
      MerchantClient c, String state, List<MerchantProblem> problems) {
    return new MerchantStatus(
        c.mchid(),
        state,
        c.source(),
        c.mode(),
        c.appids(),
        c.merchantSerialNumber(),
        c.publicKeyId(),
        c.rateLimitPerSecond(),
        c.loadedAt(),
        List.copyOf(problems));
  }

  /** One merchant known to a source. */
  private static final class Entry {
    final String mchid;
    String source;
    String appliedFingerprint;
    String seenFingerprint;
    List<MerchantProblem> problems = List.of();
    MerchantProblem buildError;
    Instant lastBuildAttempt;
    List<String> shadowed = List.of();
    int absentScans;
    boolean present;

    Entry(String mchid) {
      this.mchid = mchid;
    }

    boolean forgettable() {
      return appliedFingerprint == null;
    }
  }
}
