package com.campaigns.wechatpay;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The merchants this deployment may act for right now, each with its ready SDK clients. Replacing a
 * merchant's credentials swaps its client atomically: a call already under way finishes with the
 * client it started with, the next call takes the new one. {@link MerchantRegistry} keeps this in
 * step with the configured sources; {@link #register} adds a merchant from code (tests), which no
 * reload removes.
 */
public class WechatMerchants {

  private final WechatPayClientFactory factory;
  private final Map<String, MerchantClient> clients = new ConcurrentHashMap<>();
  private final Map<String, String> unavailable = new ConcurrentHashMap<>();

  public WechatMerchants(WechatPayClientFactory factory, List<MerchantCredentials> initial) {
    this.factory = factory;
    initial.forEach(this::register);
  }

  public Optional<MerchantClient> find(String mchid) {
    return mchid == null ? Optional.empty() : Optional.ofNullable(clients.get(mchid));
  }

  public Collection<MerchantClient> all() {
    return List.copyOf(clients.values());
  }

  public Set<String> mchids() {
    return Set.copyOf(clients.keySet());
  }

  /** Adds or replaces a merchant from code; no reload removes it. */
  public void register(MerchantCredentials credentials) {
    install(factory.build(credentials, "code", Instant.now()));
  }

  /** Removes a merchant; its calls under way finish with the client they hold. */
  public void remove(String mchid) {
    remove(mchid, "removed");
  }

  void install(MerchantClient client) {
    clients.put(client.mchid(), client);
    unavailable.remove(client.mchid());
  }

  void remove(String mchid, String reason) {
    MerchantClient gone = clients.remove(mchid);
    if (gone != null) {
      factory.release(gone);
      unavailable.put(mchid, reason);
    }
  }

  void unavailable(String mchid, String reason) {
    if (!clients.containsKey(mchid)) {
      unavailable.put(mchid, reason);
    }
  }

  void forget(String mchid) {
    unavailable.remove(mchid);
  }

  WechatPayClientFactory factory() {
    return factory;
  }

  /**
   * Why a merchant cannot be acted for, for error messages: removed (when, from where), or its
   * credentials are invalid (which field). Never contains secrets.
   */
  public String whyUnavailable(String mchid) {
    String reason = mchid == null ? null : unavailable.get(mchid);
    return "no credentials configured for merchant "
        + mchid
        + (reason == null ? "" : ": " + reason);
  }

  /** For validation: the appids a registered merchant may send with, or null when unknown. */
  public Function<String, Set<String>> appidsByMerchant() {
    return mchid -> find(mchid).map(MerchantClient::appids).orElse(null);
  }

  public int rateLimit(String mchid, int fallback) {
    return find(mchid).map(MerchantClient::rateLimitPerSecond).orElse(fallback);
  }
}
