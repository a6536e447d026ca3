package com.campaigns.starter.support;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.CouponUses;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.starter.campaign.KnownCampaigns;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.AvailableMerchantCollection;
import com.wechat.pay.java.service.cashcoupons.model.AvailableSingleitemCollection;
import com.wechat.pay.java.service.cashcoupons.model.ListAvailableMerchantsRequest;
import com.wechat.pay.java.service.cashcoupons.model.ListAvailableSingleitemsRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /**
   * reference §B.9: the list is paged by offset and limit (default 20; the maximum is not
   * documented).
   */
  static final int COUPONS_MAX_LIMIT = 100;

  /** reference §B.8. */
  static final Paging MERCHANTS = new Paging(1000, 50);

  static final Paging ITEMS = new Paging(500, 100);
  static final Set<String> COUPON_STATUSES = Set.of("SENDED", "USED");

  /** WeChat Pay's limits for one kind of offset/limit paging. */
  record Paging(int maxOffset, int maxLimit) {}

  private final WechatMerchants merchants;
  private final IssuanceLedger issuance;
  private final CouponUses uses;
  private final CampaignIndex index;
  private final KnownCampaigns campaigns;
  private final ObjectMapper json = new ObjectMapper();

  SupportService(
      WechatMerchants merchants,
      IssuanceLedger issuance,
      CouponUses uses,
      CampaignIndex index,
      KnownCampaigns campaigns) {
    this.merchants = merchants;
    this.issuance = issuance;
    this.uses = uses;
    this.index = index;
    this.campaigns = campaigns;
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
    MerchantClient merchant = QueryParams.merchant(merchants, mchid);
    String app = appid(merchant, appid);
    QueryParams.matching("stock_id", stockId, QueryParams.ID, false);
    if (status != null && !status.isBlank() && !COUPON_STATUSES.contains(status)) {
      throw QueryParams.invalid("status", "must be SENDED or USED");
    }
    int from = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
    int size = QueryParams.integer("limit", limit, 20, 1, COUPONS_MAX_LIMIT);
    JsonObject answer =
        WechatPayRefusal.calling(
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
    MerchantClient merchant = QueryParams.merchant(merchants, mchid);
    String app = appid(merchant, appid);
    JsonObject answer =
        WechatPayRefusal.calling(
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
    return stockList(campaignId, offset, limit, MERCHANTS, "merchants", SupportService::merchants);
  }

  /** The goods (单品) a campaign's coupons apply to; empty for an all-store coupon. */
  public Page<String> itemsOf(String campaignId, String offset, String limit) {
    return stockList(campaignId, offset, limit, ITEMS, "items", SupportService::items);
  }

  /** One of WeChat Pay's offset/limit lists of a stock. */
  private interface StockList {
    Listed fetch(CashCouponsService coupons, StockPage asked);
  }

  /** The page of a stock's list that is asked for. */
  private record StockPage(String stockId, String creatorMchid, int offset, int limit) {}

  /** WeChat Pay's answer for one page of a stock's list (any part may be missing). */
  private record Listed(Integer totalCount, Integer offset, Integer limit, List<String> data) {}

  private Page<String> stockList(
      String campaignId, String offset, String limit, Paging paging, String what, StockList list) {
    Stock stock = stock(campaignId);
    StockPage asked =
        new StockPage(
            stock.stockId(),
            stock.merchant().mchid(),
            QueryParams.integer("offset", offset, 0, 0, paging.maxOffset()),
            QueryParams.integer("limit", limit, paging.maxLimit(), 1, paging.maxLimit()));
    Listed c =
        WechatPayRefusal.calling(
            "the " + what + " of stock " + stock.stockId(),
            () -> list.fetch(stock.merchant().coupons(), asked));
    return new Page<>(
        c.totalCount() == null ? 0 : c.totalCount(),
        orElse(c.offset(), asked.offset()),
        orElse(c.limit(), asked.limit()),
        c.data() == null ? List.of() : c.data(),
        stock.stockId());
  }

  private static Listed merchants(CashCouponsService coupons, StockPage asked) {
    ListAvailableMerchantsRequest r = new ListAvailableMerchantsRequest();
    r.setStockId(asked.stockId());
    r.setStockCreatorMchid(asked.creatorMchid());
    r.setOffset(asked.offset());
    r.setLimit(asked.limit());
    AvailableMerchantCollection c = coupons.listAvailableMerchants(r);
    return new Listed(c.getTotalCount(), c.getOffset(), c.getLimit(), c.getData());
  }

  private static Listed items(CashCouponsService coupons, StockPage asked) {
    ListAvailableSingleitemsRequest r = new ListAvailableSingleitemsRequest();
    r.setStockId(asked.stockId());
    r.setStockCreatorMchid(asked.creatorMchid());
    r.setOffset(asked.offset());
    r.setLimit(asked.limit());
    AvailableSingleitemCollection c = coupons.listAvailableSingleitems(r);
    return new Listed(c.getTotalCount(), c.getOffset(), c.getLimit(), c.getData());
  }

  /** A campaign's stock and its merchant's client. */
  private record Stock(String stockId, MerchantClient merchant) {}

  private Stock stock(String campaignId) {
    CampaignIndex.Entry entry = campaigns.entry(campaignId);
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

  private static int orElse(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
