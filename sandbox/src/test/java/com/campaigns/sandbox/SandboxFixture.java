package com.campaigns.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.CouponRule;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.SendCouponRequest;
import com.wechat.pay.java.service.cashcoupons.model.StartStockBody;
import com.wechat.pay.java.service.cashcoupons.model.StartStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.StockRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One embedded sandbox per test class, reached the way the product reaches WeChat Pay: the official
 * SDK with an OkHttp interceptor that rewrites scheme, host and port. Also an admin client and a
 * raw signer for what the SDK hides.
 */
final class SandboxFixture implements AutoCloseable {

  static final String PUBLIC_KEY_MCHID = "1900000001";
  static final String PUBLIC_KEY_APPID = "wx0000000000000001";
  static final String CERT_MCHID = "1900000002";
  static final String CERT_APPID = "wx0000000000000002";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final AtomicLong SEQUENCE = new AtomicLong();

  final Sandbox sandbox;
  final OkHttpClient okHttp;
  final ObjectMapper json = new ObjectMapper();
  private final Map<String, Config> configs = new ConcurrentHashMap<>();

  private SandboxFixture(Sandbox sandbox) {
    this.sandbox = sandbox;
    HttpUrl base = HttpUrl.get(sandbox.baseUrl());
    this.okHttp =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Request request = chain.request();
                  HttpUrl rewritten =
                      request
                          .url()
                          .newBuilder()
                          .scheme("http")
                          .host(base.host())
                          .port(base.port())
                          .build();
                  return chain.proceed(request.newBuilder().url(rewritten).build());
                })
            .build();
  }

  static SandboxFixture start() {
    return start(SandboxOptions.builder());
  }

  static SandboxFixture start(SandboxOptions.Builder options) {
    return new SandboxFixture(Sandbox.start(options.build()));
  }

  @Override
  public void close() {
    okHttp.connectionPool().evictAll();
    sandbox.close();
  }

  // --- official SDK --------------------------------------------------------------------------

  /** Public-key mode for merchants with a WeChat Pay public key, else local-certificate mode. */
  Config config(String mchid) {
    return configs.computeIfAbsent(
        mchid,
        id -> {
          SandboxMerchant m = sandbox.merchant(id);
          if (m.wechatpayPublicKeyId() != null) {
            return new RSAPublicKeyConfig.Builder()
                .merchantId(m.mchid())
                .merchantSerialNumber(m.merchantSerialNumber())
                .privateKey(m.merchantPrivateKeyPem())
                .publicKeyId(m.wechatpayPublicKeyId())
                .publicKey(m.wechatpayPublicKeyPem())
                .apiV3Key(m.apiv3Key())
                .build();
          }
          return new RSAConfig.Builder()
              .merchantId(m.mchid())
              .merchantSerialNumber(m.merchantSerialNumber())
              .privateKey(m.merchantPrivateKeyPem())
              .wechatPayCertificates(m.platformCertificatePem())
              .build();
        });
  }

  HttpClient httpClient(Config config) {
    return new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).build();
  }

  CashCouponsService coupons(String mchid) {
    return coupons(config(mchid));
  }

  CashCouponsService coupons(Config config) {
    return new CashCouponsService.Builder().httpClient(httpClient(config)).build();
  }

  // --- stocks --------------------------------------------------------------------------------

  static String unique(String prefix) {
    return prefix + System.nanoTime() + SEQUENCE.incrementAndGet();
  }

  static String rfc3339(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.ofHours(8))
        .toString();
  }

  Instant businessNow() {
    return Instant.ofEpochMilli(
        admin("GET", "/sandbox/clock", null).get("now_epoch_millis").asLong());
  }

  /** A valid create-stock request: 5 yuan off 10, 100 coupons, window from now to +30 days. */
  CreateCouponStockRequest stockRequest(String mchid) {
    Instant now = businessNow();
    CreateCouponStockRequest request = new CreateCouponStockRequest();
    request.setStockName("春季满减券");
    request.setComment("sandbox test");
    request.setBelongMerchant(mchid);
    request.setAvailableBeginTime(rfc3339(now.plusSeconds(2)));
    request.setAvailableEndTime(rfc3339(now.plus(Duration.ofDays(30))));
    StockRule rule = new StockRule();
    rule.setMaxCoupons(100L);
    rule.setMaxAmount(50_000L);
    rule.setMaxCouponsPerUser(1);
    rule.setNaturalPersonLimit(false);
    rule.setPreventApiAbuse(false);
    request.setStockUseRule(rule);
    CouponRule couponRule = new CouponRule();
    FixedValueStockMsg fixed = new FixedValueStockMsg();
    fixed.setCouponAmount(500L);
    fixed.setTransactionMinimum(1000L);
    couponRule.setFixedNormalCoupon(fixed);
    couponRule.setAvailableMerchants(java.util.List.of(mchid));
    request.setCouponUseRule(couponRule);
    request.setNoCash(false);
    request.setStockType("NORMAL");
    request.setOutRequestNo(unique("stock"));
    return request;
  }

  String createStock(String mchid, Consumer<CreateCouponStockRequest> change) {
    CreateCouponStockRequest request = stockRequest(mchid);
    change.accept(request);
    return coupons(mchid).createCouponStock(request).getStockId();
  }

  /** Creates and starts a stock, then moves the business clock past its begin time if needed. */
  String runningStock(String mchid, Consumer<CreateCouponStockRequest> change) {
    CreateCouponStockRequest request = stockRequest(mchid);
    request.setAvailableBeginTime(rfc3339(businessNow().plusSeconds(1)));
    change.accept(request);
    String stockId = coupons(mchid).createCouponStock(request).getStockId();
    StartStockRequest start = new StartStockRequest();
    start.setStockId(stockId);
    start.setStockCreatorMchid(mchid);
    coupons(mchid).startStock(start);
    shiftClock(2);
    return stockId;
  }

  SendCouponRequest sendRequest(String mchid, String stockId, String openid) {
    SendCouponRequest request = new SendCouponRequest();
    request.setOpenid(openid);
    request.setStockId(stockId);
    request.setOutRequestNo(unique("send"));
    request.setAppid(sandbox.merchant(mchid).appids().get(0));
    request.setStockCreatorMchid(mchid);
    return request;
  }

  String send(String mchid, String stockId, String openid) {
    return coupons(mchid).sendCoupon(sendRequest(mchid, stockId, openid)).getCouponId();
  }

  static StartStockBody creator(String mchid) {
    StartStockBody body = new StartStockBody();
    body.setStockCreatorMchid(mchid);
    return body;
  }

  // --- admin API -----------------------------------------------------------------------------

  /** Adds seconds to the business clock offset. */
  void shiftClock(long seconds) {
    long offset = admin("GET", "/sandbox/clock", null).get("offset_seconds").asLong();
    admin("PUT", "/sandbox/clock", Map.of("offset_seconds", offset + seconds));
  }

  JsonNode admin(String method, String path, Object body) {
    try (Response response = adminCall(method, path, body)) {
      String text = response.body().string();
      if (!response.isSuccessful()) {
        throw new IllegalStateException(method + " " + path + " → " + response.code() + " " + text);
      }
      return text.isEmpty() ? json.nullNode() : json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Response adminCall(String method, String path, Object body) throws IOException {
    RequestBody requestBody =
        body == null ? null : RequestBody.create(json.writeValueAsBytes(body), JSON);
    if (requestBody == null && (method.equals("PUT") || method.equals("POST"))) {
      requestBody = RequestBody.create(new byte[0], JSON);
    }
    Request request =
        new Request.Builder().url(sandbox.baseUrl() + path).method(method, requestBody).build();
    return new OkHttpClient().newCall(request).execute();
  }

  RawClient raw(String mchid) {
    return new RawClient(sandbox, sandbox.merchant(mchid));
  }
}
