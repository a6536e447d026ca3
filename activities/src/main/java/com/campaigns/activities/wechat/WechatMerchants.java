package com.campaigns.activities.wechat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The merchants this deployment may act for, each with its ready SDK clients. Replacing a
 * merchant's credentials swaps its client atomically; calls in flight finish with the old one.
 */
public class WechatMerchants {

  private final WechatPayClientFactory factory;
  private final Map<String, MerchantClient> clients = new ConcurrentHashMap<>();

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

  public void register(MerchantCredentials credentials) {
    clients.put(credentials.mchid(), factory.build(credentials));
  }

  public void remove(String mchid) {
    clients.remove(mchid);
  }

  /** For validation: the appids a registered merchant may send with, or null when unknown. */
  public Function<String, Set<String>> appidsByMerchant() {
    return mchid -> find(mchid).map(MerchantClient::appids).orElse(null);
  }

  public int rateLimit(String mchid, int fallback) {
    return find(mchid).map(MerchantClient::rateLimitPerSecond).orElse(fallback);
  }
}
