package com.campaigns.sandbox.coupon;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.protocol.Rejected;
import com.campaigns.sandbox.stock.Stock;
import com.campaigns.sandbox.stock.StockTerms;
import com.campaigns.sandbox.stock.Stocks;
import com.campaigns.sandbox.unconfirmed.Unconfirmed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Sending coupons with every limit, and coupon queries; the sandbox-only redemption and refunds are
 * {@link CouponRedemptions}.
 */
@Service
public class CouponService {

  private static final Pattern OUT_REQUEST_NO = Pattern.compile("[0-9A-Za-z|_*-]{1,128}");

  private final Coupons coupons;
  private final Stocks stocks;
  private final BusinessClock clock;
  private final LimitSettings limits;
  private final SendRateLimiter rateLimiter;

  private final Unconfirmed unconfirmed;

  public CouponService(
      Coupons coupons,
      Stocks stocks,
      BusinessClock clock,
      LimitSettings limits,
      SendRateLimiter rateLimiter,
      Unconfirmed unconfirmed) {
    this.unconfirmed = unconfirmed;
    this.coupons = coupons;
    this.stocks = stocks;
    this.clock = clock;
    this.limits = limits;
    this.rateLimiter = rateLimiter;
  }

  /** Sends one coupon, or returns the coupon already sent under the same out_request_no. */
  String send(Merchant caller, String openid, SendBody body) {
    rateLimiter.acquire(caller.mchid());
    SendBody b = body == null ? new SendBody(null, null, null, null, null, null) : body;
    String stockId = required("stock_id", b.stockId());
    String outRequestNo = required("out_request_no", b.outRequestNo());
    String appid = required("appid", b.appid());
    String creator = required("stock_creator_mchid", b.stockCreatorMchid());
    if (!OUT_REQUEST_NO.matcher(outRequestNo).matches()) {
      throw Rejected.paramError(
          "输入源“/body/out_request_no”映射到字段“out_request_no”格式校验失败",
          "out_request_no",
          outRequestNo,
          "1 to 128 characters of [0-9A-Za-z|_*-]");
    }
    if (openid.length() > 128) {
      throw Rejected.paramError(
          "输入源“/uri_template/openid”映射到字段“openid”长度校验失败",
          "openid",
          openid,
          "at most 128 characters",
          "uri_template");
    }
    if (!caller.hasAppid(appid)) {
      throw new Rejected(
          400,
          "APPID_MCHID_NOT_MATCH",
          "appid和mch_id不匹配",
          Rejected.fieldDetail(
              "appid", appid, "appid is not bound to merchant " + caller.mchid(), "body"));
    }
    Stock stock = stocks.get(stockId);
    if (!stock.creatorMchid().equals(creator)) {
      throw new Rejected(
          400,
          "INVALID_REQUEST",
          "批次信息获取失败,请确认参数",
          Rejected.fieldDetail(
              "stock_creator_mchid", creator, "not the creator of stock " + stockId, "body"));
    }
    if (!stock.creatorMchid().equals(caller.mchid())) {
      throw new Rejected(403, "REQUEST_BLOCKED", "调用商户无权限");
    }
    StockTerms terms = stock.terms();
    if (b.couponValue() != null && b.couponValue() != terms.couponAmount()
        || b.couponMinimum() != null && b.couponMinimum() != terms.transactionMinimum()) {
      throw Rejected.paramError(
          "参数错误,请核对文档要求",
          b.couponValue() != null ? "coupon_value" : "coupon_minimum",
          null,
          "coupon_value and coupon_minimum are not open: leave them out");
    }
    Coupon earlier = coupons.byOutRequestNo(caller.mchid(), outRequestNo);
    if (earlier != null) {
      return sameRequest(earlier, openid, stockId, appid);
    }
    if (!limits.abnormalOpenidPrefix().isEmpty()
        && openid.startsWith(limits.abnormalOpenidPrefix())) {
      throw new Rejected(403, "USER_ACCOUNT_ABNORMAL", "用户非法");
    }
    Coupons.Wallet wallet = coupons.wallet(openid);
    if (limits.concurrentSendRuleLimit()) {
      if (!wallet.lock.tryLock()) {
        // WeChat Pay's known false positive: a concurrent send to the same user looks like a
        // repeat.
        throw new Rejected(403, "RULE_LIMIT", "用户已达最大领券次数");
      }
    } else {
      wallet.lock.lock();
    }
    try {
      long hold = limits.sendProcessingTime().toMillis();
      if (hold > 0) {
        Thread.sleep(hold);
      }
      return sendLocked(caller, openid, appid, outRequestNo, stock, wallet);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Rejected(500, "SYSTEM_ERROR", "系统繁忙,请稍后重试");
    } finally {
      wallet.lock.unlock();
    }
  }

  private String sendLocked(
      Merchant caller,
      String openid,
      String appid,
      String outRequestNo,
      Stock stock,
      Coupons.Wallet wallet) {
    Instant now = clock.now();
    LocalDate today = LocalDate.ofInstant(now, BusinessClock.SHANGHAI);
    StockTerms terms = stock.terms();
    if (!stock.issuable(now)) {
      throw new Rejected(400, "INVALID_REQUEST", "活动已结束或未激活");
    }
    long received = wallet.coupons.stream().filter(c -> c.stock() == stock).count();
    if (received >= terms.maxCouponsPerUser()) {
      throw terms.naturalPersonLimit()
          ? new Rejected(403, "USER_AL_GET_COUPON", "超过自然人最大限领数")
          : new Rejected(403, "RULE_LIMIT", "用户已达最大领券次数");
    }
    YearMonth month = YearMonth.from(today);
    long monthAmount =
        wallet.coupons.stream()
            .filter(c -> c.senderMchid().equals(caller.mchid()))
            .filter(
                c ->
                    YearMonth.from(LocalDate.ofInstant(c.createTime(), BusinessClock.SHANGHAI))
                        .equals(month))
            .mapToLong(c -> c.stock().terms().couponAmount())
            .sum();
    if (monthAmount + terms.couponAmount() > limits.monthlyAmountPerUser()) {
      throw new Rejected(400, "INVALID_REQUEST", "暂时无法领取,请联系商家处理");
    }
    Coupon coupon;
    synchronized (stock) {
      if (!stock.issuable(now)) {
        throw new Rejected(400, "INVALID_REQUEST", "活动已结束或未激活");
      }
      if (!stock.budgetAllowsOne()) {
        throw new Rejected(403, "NOT_ENOUGH", "批次预算不足");
      }
      if (!stock.dayAllowsOne(today)) {
        throw unconfirmed.dailyCapRefusal().refusal();
      }
      coupon =
          new Coupon(coupons.nextId(), stock, openid, appid, caller.mchid(), outRequestNo, now);
      Coupon raced = coupons.claimOutRequestNo(caller.mchid(), coupon);
      if (raced != null) {
        return sameRequest(raced, openid, stock.id(), appid);
      }
      stock.countOne(today);
      coupons.add(coupon, wallet);
    }
    return coupon.id();
  }

  private static String sameRequest(Coupon earlier, String openid, String stockId, String appid) {
    if (earlier.openid().equals(openid)
        && earlier.stock().id().equals(stockId)
        && earlier.appid().equals(appid)) {
      return earlier.id();
    }
    throw Rejected.outRequestNoReused(earlier.outRequestNo(), "coupon " + earlier.id());
  }

  CouponView query(Merchant caller, String openid, String couponId, String appid) {
    checkAppid(caller, appid);
    Coupon coupon = coupons.find(couponId);
    if (coupon == null || !coupon.openid().equals(openid)) {
      throw new Rejected(404, "RESOURCE_NOT_EXISTS", "券不存在");
    }
    if (!coupon.appid().equals(appid)) {
      throw new Rejected(400, "INVALID_REQUEST", "openid与appID不匹配");
    }
    if (!coupon.stock().creatorMchid().equals(caller.mchid())
        && !coupon.senderMchid().equals(caller.mchid())) {
      throw new Rejected(403, "NO_AUTH", "无权限查询该券");
    }
    return CouponView.of(coupon, clock.now());
  }

  /**
   * The user's coupons, filtered as the docs describe: by creator (all but expired; status=USED
   * also returns usable ones), by sender, or by available merchant (usable only, no paging).
   */
  CouponCollection list(Merchant caller, String openid, ListQuery q) {
    checkAppid(caller, q.appid());
    if (q.creatorMchid() == null && q.senderMchid() == null && q.availableMchid() == null) {
      throw Rejected.paramError(
          "creator_mchid、sender_mchid、available_mchid须至少填写一个",
          "creator_mchid",
          null,
          "one of creator_mchid, sender_mchid, available_mchid is required",
          "query");
    }
    String asked =
        q.creatorMchid() != null
            ? q.creatorMchid()
            : q.senderMchid() != null ? q.senderMchid() : q.availableMchid();
    if (!asked.equals(caller.mchid())) {
      throw new Rejected(403, "NO_AUTH", "无权限查询其他商户的券");
    }
    int offset = q.offset() == null ? 0 : q.offset();
    int limit = q.limit() == null ? 20 : q.limit();
    if (offset < 0 || limit < 1 || limit > 100) {
      throw Rejected.paramError(
          "分页参数错误", "limit", limit, "offset >= 0 and 1 <= limit <= 100", "query");
    }
    Instant now = clock.now();
    List<Coupon> mine =
        coupons.ofUser(openid).stream().filter(c -> c.appid().equals(q.appid())).toList();
    List<Coupon> matching;
    if (q.creatorMchid() != null || q.senderMchid() != null) {
      boolean byCreator = q.creatorMchid() != null;
      matching =
          mine.stream()
              .filter(
                  c ->
                      byCreator
                          ? c.stock().creatorMchid().equals(q.creatorMchid())
                          : c.senderMchid().equals(q.senderMchid()))
              .filter(c -> q.stockId() == null || c.stock().id().equals(q.stockId()))
              .filter(c -> statusMatches(c.status(now), q.status()))
              .toList();
    } else {
      matching =
          mine.stream()
              .filter(c -> c.stock().terms().availableMerchants().contains(q.availableMchid()))
              .filter(c -> c.status(now) == CouponStatus.SENDED)
              .toList();
      offset = 0;
      limit = Math.max(matching.size(), 1);
    }
    List<CouponView> page =
        matching.stream().skip(offset).limit(limit).map(c -> CouponView.of(c, now)).toList();
    return new CouponCollection(page, matching.size(), limit, offset);
  }

  private static boolean statusMatches(CouponStatus status, String wanted) {
    if (status == CouponStatus.EXPIRED) {
      return false;
    }
    if (wanted == null || wanted.isEmpty() || "USED".equals(wanted)) {
      return true;
    }
    return "SENDED".equals(wanted) && status == CouponStatus.SENDED;
  }

  private static void checkAppid(Merchant caller, String appid) {
    if (appid == null || appid.isEmpty()) {
      throw Rejected.requiredQueryParam("appid");
    }
    if (!caller.hasAppid(appid)) {
      throw new Rejected(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
    }
  }

  private static String required(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw Rejected.paramError("参数“" + field + "”是必填项", field, null, "required");
    }
    return value;
  }

  /** Send-coupon body. */
  record SendBody(
      String stockId,
      String outRequestNo,
      String appid,
      String stockCreatorMchid,
      Long couponValue,
      Long couponMinimum) {}

  /** List-coupons query. */
  record ListQuery(
      String appid,
      String stockId,
      String status,
      String creatorMchid,
      String senderMchid,
      String availableMchid,
      Integer offset,
      Integer limit) {}

  record CouponCollection(List<CouponView> data, long totalCount, int limit, int offset) {}
}
