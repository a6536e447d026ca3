package com.campaigns.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What the WeChat Pay sandbox itself says: its admin API (coupons issued, call statistics) and, for
 * a stock's state, the real APIv3 query-stock endpoint called through the official SDK, as WeChat
 * Pay would answer it.
 */
public final class SandboxClient {

  public static final String MCHID = "1900000001";

  private final Http admin;
  private CashCouponsService coupons;

  SandboxClient(String baseUrl) {
    this.admin = new Http(baseUrl);
  }

  public String baseUrl() {
    return admin.base();
  }

  /** Every coupon of a stock, in send order ({@code GET /sandbox/stocks/{id}/coupons}, paged). */
  public List<JsonNode> coupons(String stockId) {
    List<JsonNode> out = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page =
          admin
              .get("/sandbox/stocks/" + stockId + "/coupons?offset=" + offset + "&limit=1000")
              .expect(200);
      page.path("data").forEach(out::add);
      offset += page.path("data").size();
      if (page.path("data").isEmpty() || offset >= page.path("total_count").asLong()) {
        return out;
      }
    }
  }

  /** How many coupons the stock has issued. */
  public long couponCount(String stockId) {
    return admin
        .get("/sandbox/stocks/" + stockId + "/coupons?limit=1")
        .expect(200)
        .path("total_count")
        .asLong();
  }

  /**
   * Shoppers use the first {@code count} unused coupons; the sandbox sends COUPON.USE
   * notifications.
   */
  public void redeem(String stockId, int count) {
    List<String> ids = redeemSome(stockId, count);
    if (ids.size() != count) {
      throw new AssertionError(
          "redeemed " + ids.size() + " of " + count + " coupons of stock " + stockId);
    }
  }

  /** Sets what the merchant has paid in ({@code PUT /sandbox/merchants/{mchid}/balance}). */
  public JsonNode deposit(String mchid, long fen) {
    return admin
        .put("/sandbox/merchants/" + mchid + "/balance", Map.of("deposit", fen))
        .expect(200);
  }

  /** Unlimited funds again ({@code DELETE /sandbox/merchants/{mchid}/balance}). */
  public void unlimitedFunds(String mchid) {
    admin.delete("/sandbox/merchants/" + mchid + "/balance").expect(204);
  }

  /** The merchant's balance: deposit, locked, spent, available (fen). */
  public JsonNode balance(String mchid) {
    return admin.get("/sandbox/merchants/" + mchid + "/balance").expect(200);
  }

  /** Replaces the sandbox's fault rules ({@code PUT /sandbox/faults}, docs/sandbox.md). */
  public void faults(long seed, List<Map<String, Object>> rules) {
    admin.put("/sandbox/faults", Map.of("seed", seed, "rules", rules)).expect(200);
  }

  /** The current fault rules and how many faults each injected ({@code GET /sandbox/faults}). */
  public JsonNode faultState() {
    return admin.get("/sandbox/faults").expect(200);
  }

  /** Shoppers use up to {@code count} unused coupons of the stock; returns their coupon ids. */
  public List<String> redeemSome(String stockId, int count) {
    List<String> ids = new ArrayList<>();
    admin
        .post("/sandbox/stocks/" + stockId + "/redeem", Map.of("count", count))
        .expect(200)
        .path("coupon_ids")
        .forEach(id -> ids.add(id.asText()));
    return ids;
  }

  /** Removes every fault rule. */
  public void clearFaults() {
    admin.delete("/sandbox/faults").expect(204);
  }

  /** Every COUPON.USE notification queued so far: id, coupon_id, attempts, delivered. */
  public List<JsonNode> notifications() {
    List<JsonNode> out = new ArrayList<>();
    admin.get("/sandbox/notifications").expect(200).forEach(out::add);
    return out;
  }

  /**
   * Sends these notifications again, in this order (duplicates, and out of order when shuffled).
   */
  public int redeliver(List<String> ids) {
    return admin
        .post("/sandbox/notifications/redeliver", Map.of("ids", ids))
        .expect(200)
        .path("redelivered")
        .size();
  }

  /** Calls answered per endpoint and outcome, e.g. {@code stats().path("pause_stock")}. */
  public JsonNode stats() {
    return admin.get("/sandbox/stats").expect(200);
  }

  /** Successful (HTTP 200) calls of one endpoint so far. */
  public long succeeded(String endpoint) {
    return stats().path(endpoint).path("outcomes").path("200").asLong();
  }

  /** The stock's status as WeChat Pay reports it (unactivated, running, paused, stoped). */
  public synchronized String stockStatus(String stockId) {
    QueryStockRequest request = new QueryStockRequest();
    request.setStockId(stockId);
    request.setStockCreatorMchid(MCHID);
    return service().queryStock(request).getStatus();
  }

  /**
   * A coupon of merchant {@value #MCHID}'s stock sent to {@code openid} outside the product (its
   * own out_request_no), as another system of the merchant could; answers the coupon id.
   */
  public synchronized String sendOutsideProduct(String stockId, String openid, String appid) {
    SendCouponRequest request = new SendCouponRequest();
    request.setStockId(stockId);
    request.setOpenid(openid);
    request.setAppid(appid);
    request.setStockCreatorMchid(MCHID);
    request.setOutRequestNo("outside" + System.nanoTime());
    return service().sendCoupon(request).getCouponId();
  }

  private CashCouponsService service() {
    if (coupons == null) {
      JsonNode m = admin.get("/sandbox/merchants/" + MCHID).expect(200);
      RSAPublicKeyConfig config =
          new RSAPublicKeyConfig.Builder()
              .merchantId(MCHID)
              .merchantSerialNumber(m.path("merchant_serial_number").asText())
              .privateKey(m.path("merchant_private_key_pem").asText())
              .publicKeyId(m.path("wechatpay_public_key_id").asText())
              .publicKey(m.path("wechatpay_public_key_pem").asText())
              .apiV3Key(m.path("apiv3_key").asText())
              .build();
      HttpUrl base = HttpUrl.get(admin.base());
      // The SDK has no base URL: rewrite WeChat Pay's host to the sandbox (the signature covers
      // only
      // path, query and body).
      OkHttpClient okHttp =
          new OkHttpClient.Builder()
              .addInterceptor(
                  chain ->
                      chain.proceed(
                          chain
                              .request()
                              .newBuilder()
                              .url(
                                  chain
                                      .request()
                                      .url()
                                      .newBuilder()
                                      .scheme(base.scheme())
                                      .host(base.host())
                                      .port(base.port())
                                      .build())
                              .build()))
              .build();
      coupons =
          new CashCouponsService.Builder()
              .httpClient(
                  new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).build())
              .build();
    }
    return coupons;
  }
}
