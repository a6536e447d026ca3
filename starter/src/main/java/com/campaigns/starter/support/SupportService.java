package com.campaigns.starter.support;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.CouponUses;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.starter.campaign.CampaignApiProperties;
import com.campaigns.starter.security.Operator;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.rules.SpecValidator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import com.wechat.pay.java.service.cashcoupons.model.AvailableMerchantCollection;
import com.wechat.pay.java.service.cashcoupons.model.AvailableSingleitemCollection;
import com.wechat.pay.java.service.cashcoupons.model.Callback;
import com.wechat.pay.java.service.cashcoupons.model.ListAvailableMerchantsRequest;
import com.wechat.pay.java.service.cashcoupons.model.ListAvailableSingleitemsRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Answers support questions from WeChat Pay, joined with the ledger where it knows more: which
 * campaign and wave issued a coupon, and the COUPON.USE notification received for it. Every input
 * is checked before WeChat Pay is called; its refusals become API errors ({@link
 * WechatPayRefusal}).
 */
@Service
public class SupportService {

  private static final Logger log = LoggerFactory.getLogger(SupportService.class);

  /**
   * reference §B.9: the list is paged by offset and limit (default 20; the maximum is not
   * documented).
   */
  static final int COUPONS_MAX_LIMIT = 100;

  /** reference §B.8. */
  static final Paging MERCHANTS = new Paging(1000, 50);

  static final Paging ITEMS = new Paging(500, 100);
  static final Set<String> COUPON_STATUSES = Set.of("SENDED", "USED");
  static final int NOTIFY_URL_MAX_LENGTH = 256;

  /** WeChat Pay's limits for one kind of offset/limit paging. */
  record Paging(int maxOffset, int maxLimit) {}

  private final WechatMerchants merchants;
  private final IssuanceLedger issuance;
  private final CouponUses uses;
  private final CampaignIndex index;
  private final boolean allowHttpLoopback;
  private final ObjectMapper json = new ObjectMapper();

  SupportService(
      WechatMerchants merchants,
      IssuanceLedger issuance,
      CouponUses uses,
      CampaignIndex index,
      CampaignApiProperties api) {
    this.merchants = merchants;
    this.issuance = issuance;
    this.uses = uses;
    this.index = index;
    this.allowHttpLoopback = api.allowHttpNotifyUrlOnLoopback();
  }

  /** {@code {total_count, offset, limit, data}} of WeChat Pay's offset/limit lists. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Page<T>(
      long totalCount,
      int offset,
      int limit,
      List<T> data,
      @JsonInclude(JsonInclude.Include.NON_NULL) String stockId) {}

  /**
   * A merchant's callback as WeChat Pay has it ({@code update_time} only in the answer to a
   * change).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CallbackInfo(
      String mchid,
      String notifyUrl,
      @JsonInclude(JsonInclude.Include.NON_NULL) String updateTime) {}

  /**
   * The user's coupons created by the merchant (WeChat Pay's list by {@code creator_mchid}: every
   * state but expired), each with {@code issued_by} and {@code use_notification} from the ledger.
   */
  public Page<ObjectNode> userCoupons(
      String openid,
      String mchid,
      String appid,
      String stockId,
      String status,
      String offset,
      String limit) {
    QueryParams.matching("openid", openid, QueryParams.OPENID, true);
    MerchantClient merchant = merchant(mchid);
    String app = appid(merchant, appid);
    QueryParams.matching("stock_id", stockId, QueryParams.ID, false);
    if (status != null && !status.isBlank() && !COUPON_STATUSES.contains(status)) {
      throw QueryParams.invalid("status", "must be SENDED or USED");
    }
    int from = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
    int size = QueryParams.integer("limit", limit, 20, 1, COUPONS_MAX_LIMIT);
    JsonObject answer =
        call(
            "the coupons of user " + openid,
            () ->
                CouponEndpoints.list(
                    merchant, openid, app, blankToNull(stockId), blankToNull(status), from, size));
    ObjectNode page = toJackson(answer);
    Map<String, JsonNode> specs = new HashMap<>();
    List<ObjectNode> data = new java.util.ArrayList<>();
    for (JsonNode c : page.path("data")) {
      if (c instanceof ObjectNode coupon) {
        data.add(joined(coupon, specs));
      }
    }
    return new Page<>(
        page.path("total_count").asLong(data.size()),
        page.path("offset").asInt(from),
        page.path("limit").asInt(size),
        data,
        blankToNull(stockId));
  }

  /**
   * One coupon of the user, with {@code issued_by} and {@code use_notification} from the ledger.
   */
  public ObjectNode userCoupon(String openid, String couponId, String mchid, String appid) {
    QueryParams.matching("openid", openid, QueryParams.OPENID, true);
    QueryParams.matching("coupon_id", couponId, QueryParams.ID, true);
    MerchantClient merchant = merchant(mchid);
    String app = appid(merchant, appid);
    JsonObject answer =
        call(
            "coupon " + couponId + " of user " + openid,
            () -> CouponEndpoints.query(merchant, openid, couponId, app));
    ObjectNode coupon = toJackson(answer);
    if (!coupon.hasNonNull("coupon_id")) {
      coupon.put("coupon_id", couponId);
    }
    return joined(coupon, new HashMap<>());
  }

  /** The merchants where a campaign's coupons can be used (WeChat Pay's list, paged). */
  public Page<String> merchantsOf(String campaignId, String offset, String limit) {
    Stock stock = stock(campaignId);
    int from = QueryParams.integer("offset", offset, 0, 0, MERCHANTS.maxOffset());
    int size = QueryParams.integer("limit", limit, MERCHANTS.maxLimit(), 1, MERCHANTS.maxLimit());
    ListAvailableMerchantsRequest r = new ListAvailableMerchantsRequest();
    r.setStockId(stock.stockId());
    r.setStockCreatorMchid(stock.merchant().mchid());
    r.setOffset(from);
    r.setLimit(size);
    AvailableMerchantCollection c =
        call(
            "the merchants of stock " + stock.stockId(),
            () -> stock.merchant().coupons().listAvailableMerchants(r));
    return new Page<>(
        c.getTotalCount() == null ? 0 : c.getTotalCount(),
        orElse(c.getOffset(), from),
        orElse(c.getLimit(), size),
        c.getData() == null ? List.of() : c.getData(),
        stock.stockId());
  }

  /** The goods (单品) a campaign's coupons apply to; empty for an all-store coupon. */
  public Page<String> itemsOf(String campaignId, String offset, String limit) {
    Stock stock = stock(campaignId);
    int from = QueryParams.integer("offset", offset, 0, 0, ITEMS.maxOffset());
    int size = QueryParams.integer("limit", limit, ITEMS.maxLimit(), 1, ITEMS.maxLimit());
    ListAvailableSingleitemsRequest r = new ListAvailableSingleitemsRequest();
    r.setStockId(stock.stockId());
    r.setStockCreatorMchid(stock.merchant().mchid());
    r.setOffset(from);
    r.setLimit(size);
    AvailableSingleitemCollection c =
        call(
            "the items of stock " + stock.stockId(),
            () -> stock.merchant().coupons().listAvailableSingleitems(r));
    return new Page<>(
        c.getTotalCount() == null ? 0 : c.getTotalCount(),
        orElse(c.getOffset(), from),
        orElse(c.getLimit(), size),
        c.getData() == null ? List.of() : c.getData(),
        stock.stockId());
  }

  public CallbackInfo callback(String mchid) {
    MerchantClient merchant = merchant(mchid);
    QueryCallbackRequest r = new QueryCallbackRequest();
    r.setMchid(merchant.mchid());
    Callback c =
        call("the callback of merchant " + mchid, () -> merchant.coupons().queryCallback(r));
    return new CallbackInfo(merchant.mchid(), c == null ? null : c.getNotifyUrl(), null);
  }

  /**
   * Sets the merchant's COUPON.USE callback after checking WeChat Pay's own rules (https, no query
   * string, at most 256 characters): WeChat Pay answers a bad URL with a bare "系统繁忙".
   */
  public CallbackInfo setCallback(String mchid, String notifyUrl, Operator operator) {
    MerchantClient merchant = merchant(mchid);
    String url = checkNotifyUrl(notifyUrl);
    SetCallbackRequest r = new SetCallbackRequest();
    r.setMchid(merchant.mchid());
    r.setNotifyUrl(url);
    SetCallbackResponse c =
        call("the callback of merchant " + mchid, () -> merchant.coupons().setCallback(r));
    log.info("COUPON.USE callback of merchant {} set to {} by {}", mchid, url, operator);
    return new CallbackInfo(
        merchant.mchid(), c.getNotifyUrl() == null ? url : c.getNotifyUrl(), c.getUpdateTime());
  }

  String checkNotifyUrl(String notifyUrl) {
    if (notifyUrl == null || notifyUrl.isBlank()) {
      throw QueryParams.invalid("notify_url", "is required");
    }
    String url = notifyUrl.strip();
    if (url.length() > NOTIFY_URL_MAX_LENGTH) {
      throw QueryParams.invalid(
          "notify_url", "must be at most " + NOTIFY_URL_MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw QueryParams.invalid("notify_url", "is not a valid URL");
    }
    if (uri.getRawQuery() != null || url.contains("?")) {
      throw QueryParams.invalid(
          "notify_url", "must not have a query string (WeChat Pay refuses parameters)");
    }
    if (uri.getRawFragment() != null) {
      throw QueryParams.invalid("notify_url", "must not have a fragment");
    }
    if (uri.getHost() == null || !uri.isAbsolute()) {
      throw QueryParams.invalid("notify_url", "must be an absolute https URL");
    }
    boolean loopback = Set.of("127.0.0.1", "localhost", "[::1]").contains(uri.getHost());
    if (!"https".equals(uri.getScheme())
        && !(allowHttpLoopback && loopback && "http".equals(uri.getScheme()))) {
      throw QueryParams.invalid(
          "notify_url",
          "must be an https URL (WeChat Pay accepts https only)"
              + (allowHttpLoopback ? "; http is accepted for 127.0.0.1 and localhost only" : ""));
    }
    return url;
  }

  /** A campaign's stock and its merchant's client. */
  private record Stock(String stockId, MerchantClient merchant) {}

  private Stock stock(String campaignId) {
    if (campaignId == null || !SpecValidator.CAMPAIGN_ID.matcher(campaignId).matches()) {
      throw RequestRejected.notFound("no campaign " + campaignId);
    }
    CampaignIndex.Entry entry =
        index
            .find(campaignId)
            .orElseThrow(() -> RequestRejected.notFound("no campaign " + campaignId));
    if (entry.stockId() == null) {
      throw RequestRejected.conflict(
          "stock_not_created",
          "campaign " + campaignId + " is " + entry.status() + " and has no stock yet");
    }
    MerchantClient merchant =
        merchants
            .find(entry.mchid())
            .orElseThrow(
                () ->
                    new RequestRejected(
                        HttpStatus.CONFLICT,
                        "merchant_unknown",
                        "merchant "
                            + entry.mchid()
                            + " of campaign "
                            + campaignId
                            + " is not configured in this deployment"));
    return new Stock(entry.stockId(), merchant);
  }

  private MerchantClient merchant(String mchid) {
    QueryParams.matching("mchid", mchid, QueryParams.MCHID, true);
    return merchants
        .find(mchid)
        .orElseThrow(
            () ->
                RequestRejected.notFound(
                    "merchant " + mchid + " is not configured in this deployment"));
  }

  /** The given appid, which must be bound to the merchant; or the merchant's only appid. */
  private static String appid(MerchantClient merchant, String appid) {
    if (appid == null || appid.isBlank()) {
      if (merchant.appids().size() == 1) {
        return merchant.appids().iterator().next();
      }
      throw QueryParams.invalid(
          "appid",
          "is required (merchant "
              + merchant.mchid()
              + " has "
              + merchant.appids().size()
              + " appids)");
    }
    QueryParams.matching("appid", appid, QueryParams.APPID, true);
    if (!merchant.appids().contains(appid)) {
      throw QueryParams.invalid("appid", "is not bound to merchant " + merchant.mchid());
    }
    return appid;
  }

  /** Adds what the ledger knows about the coupon. */
  private ObjectNode joined(ObjectNode coupon, Map<String, JsonNode> specs) {
    String couponId = coupon.path("coupon_id").asText(null);
    ObjectNode issuedBy = null;
    ObjectNode notified = null;
    if (couponId != null) {
      Optional<IssuanceLedger.Outcome> issued = issuance.byCoupon(couponId);
      if (issued.isPresent()) {
        IssuanceLedger.Outcome o = issued.get();
        issuedBy = JsonNodeFactory.instance.objectNode();
        issuedBy.put("campaign_id", o.campaignId());
        issuedBy.put("wave_index", o.waveIndex());
        issuedBy.put("wave", waveName(o.campaignId(), o.waveIndex(), specs));
        issuedBy.put("out_request_no", o.outRequestNo());
        issuedBy.put("amount", o.amount());
      }
      Optional<CouponUses.Use> use = uses.byCoupon(couponId);
      if (use.isPresent()) {
        CouponUses.Use u = use.get();
        notified = JsonNodeFactory.instance.objectNode();
        notified.put("notification_id", u.notificationId());
        notified.put("campaign_id", u.campaignId());
        notified.put("amount", u.amount());
        notified.put("consume_time", u.consumeTime());
        notified.put("consume_mchid", u.consumeMchid());
        notified.put("transaction_id", u.transactionId());
      }
    }
    coupon.set("issued_by", issuedBy);
    coupon.set("use_notification", notified);
    return coupon;
  }

  private String waveName(String campaignId, int waveIndex, Map<String, JsonNode> specs) {
    JsonNode spec =
        specs.computeIfAbsent(
            campaignId,
            id ->
                index
                    .find(id)
                    .map(
                        e -> {
                          try {
                            return json.readTree(e.specJson());
                          } catch (JsonProcessingException ex) {
                            return null;
                          }
                        })
                    .orElse(null));
    if (spec == null) {
      return null;
    }
    JsonNode wave = spec.path("waves").path(waveIndex);
    return wave.hasNonNull("name") ? wave.get("name").asText() : null;
  }

  private ObjectNode toJackson(JsonObject gson) {
    try {
      JsonNode node = json.readTree(gson.toString());
      return node instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("WeChat Pay's answer could not be re-read", e);
    }
  }

  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RequestRejected e) {
      throw e;
    } catch (RuntimeException e) {
      RequestRejected rejection = WechatPayRefusal.of(what, e);
      if (rejection.status().is5xxServerError()) {
        log.warn("WeChat Pay call for {} failed: {}", what, rejection.getMessage());
      }
      throw rejection;
    }
  }

  private static int orElse(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
