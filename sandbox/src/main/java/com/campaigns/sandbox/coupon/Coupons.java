package com.campaigns.sandbox.coupon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Sent coupons, indexed by id, by stock (in send order), by user and by the sender's
 * out_request_no.
 */
@Component
public class Coupons {

  private final Map<String, Coupon> byId = new ConcurrentHashMap<>();
  private final Map<String, List<Coupon>> byStock = new ConcurrentHashMap<>();
  private final Map<String, Wallet> byOpenid = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Coupon>> byOutRequestNo = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() * 1000);

  String nextId() {
    return Long.toString(nextId.incrementAndGet());
  }

  public Coupon find(String couponId) {
    return couponId == null ? null : byId.get(couponId);
  }

  /** The stock's coupons in send order (a copy). */
  public List<Coupon> ofStock(String stockId) {
    List<Coupon> list = byStock.get(stockId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  Coupon byOutRequestNo(String mchid, String outRequestNo) {
    Map<String, Coupon> map = byOutRequestNo.get(mchid);
    return map == null ? null : map.get(outRequestNo);
  }

  /** Claims the out_request_no for the coupon; returns the coupon that already holds it, if any. */
  Coupon claimOutRequestNo(String mchid, Coupon coupon) {
    return byOutRequestNo
        .computeIfAbsent(mchid, k -> new ConcurrentHashMap<>())
        .putIfAbsent(coupon.outRequestNo(), coupon);
  }

  void add(Coupon coupon, Wallet wallet) {
    byId.put(coupon.id(), coupon);
    List<Coupon> list =
        byStock.computeIfAbsent(
            coupon.stock().id(), k -> Collections.synchronizedList(new ArrayList<>()));
    list.add(coupon);
    wallet.coupons.add(coupon);
  }

  Wallet wallet(String openid) {
    return byOpenid.computeIfAbsent(openid, k -> new Wallet());
  }

  /** One user's coupons in send order (a copy). */
  List<Coupon> ofUser(String openid) {
    Wallet wallet = byOpenid.get(openid);
    if (wallet == null) {
      return List.of();
    }
    wallet.lock.lock();
    try {
      return new ArrayList<>(wallet.coupons);
    } finally {
      wallet.lock.unlock();
    }
  }

  /** A user's coupons and the lock that serialises sends to that user. */
  static final class Wallet {
    final ReentrantLock lock = new ReentrantLock();
    final List<Coupon> coupons = new ArrayList<>(2);
  }
}
