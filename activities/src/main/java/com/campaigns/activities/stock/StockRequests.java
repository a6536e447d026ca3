package com.campaigns.activities.stock;

import com.campaigns.workflows.model.CouponPattern;
import com.campaigns.workflows.model.StockSpec;
import com.wechat.pay.java.service.cashcoupons.model.BackgroundColor;
import com.wechat.pay.java.service.cashcoupons.model.CouponRule;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FavorAvailableTime;
import com.wechat.pay.java.service.cashcoupons.model.FixedAvailableTime;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.PatternInfo;
import com.wechat.pay.java.service.cashcoupons.model.StockRule;
import com.wechat.pay.java.service.cashcoupons.model.TradeType;
import java.util.List;

/**
 * Maps a campaign's stock spec to WeChat Pay's create-stock request (SDK model types stay here).
 */
final class StockRequests {

  private StockRequests() {}

  private static PatternInfo pattern(CouponPattern p) {
    if (p == null) {
      return null;
    }
    PatternInfo pattern = new PatternInfo();
    pattern.setDescription(p.description());
    pattern.setMerchantLogo(p.merchantLogo());
    pattern.setMerchantName(p.merchantName());
    pattern.setBackgroundColor(
        p.backgroundColor() == null ? null : BackgroundColor.valueOf(p.backgroundColor()));
    pattern.setCouponImage(p.couponImage());
    return pattern;
  }

  static CreateCouponStockRequest create(String mchid, String outRequestNo, StockSpec s) {
    StockRule stockRule = new StockRule();
    stockRule.setMaxCoupons(s.maxCoupons());
    stockRule.setMaxAmount(s.budget());
    stockRule.setMaxAmountByDay(s.maxAmountByDay());
    stockRule.setMaxCouponsPerUser(s.maxCouponsPerUser());
    stockRule.setNaturalPersonLimit(Boolean.TRUE.equals(s.naturalPersonLimit()));
    stockRule.setPreventApiAbuse(Boolean.TRUE.equals(s.preventApiAbuse()));

    FixedValueStockMsg fixed = new FixedValueStockMsg();
    fixed.setCouponAmount(s.couponAmount());
    fixed.setTransactionMinimum(s.transactionMinimum());
    CouponRule couponRule = new CouponRule();
    couponRule.setFixedNormalCoupon(fixed);
    couponRule.setAvailableMerchants(
        s.availableMerchants() == null ? List.of(mchid) : s.availableMerchants());
    couponRule.setGoodsTag(s.goodsTag());
    couponRule.setTradeType(
        s.tradeType() == null ? null : s.tradeType().stream().map(TradeType::valueOf).toList());
    couponRule.setCombineUse(s.combineUse());
    couponRule.setAvailableItems(s.availableItems());
    // Only fields the marketer set are sent: WeChat Pay refuses unusable time fields (seed FAQ #9).
    if (s.availableTimeAfterReceive() != null
        || s.fixAvailableTime() != null
        || s.secondDayAvailable() != null) {
      FavorAvailableTime time = new FavorAvailableTime();
      time.setAvailableTimeAfterReceive(s.availableTimeAfterReceive());
      time.setSecondDayAvailable(s.secondDayAvailable());
      if (s.fixAvailableTime() != null) {
        FixedAvailableTime week = new FixedAvailableTime();
        week.setAvailableWeekDay(s.fixAvailableTime().availableWeekDay());
        week.setBeginTime(s.fixAvailableTime().beginTime());
        week.setEndTime(s.fixAvailableTime().endTime());
        time.setFixAvailableTime(week);
      }
      couponRule.setCouponAvailableTime(time);
    }

    CreateCouponStockRequest request = new CreateCouponStockRequest();
    request.setStockName(s.stockName());
    request.setComment(s.comment());
    request.setBelongMerchant(mchid);
    request.setAvailableBeginTime(s.availableBeginTime());
    request.setAvailableEndTime(s.availableEndTime());
    request.setStockUseRule(stockRule);
    request.setCouponUseRule(couponRule);
    request.setPatternInfo(pattern(s.patternInfo()));
    request.setNoCash(s.noCash());
    request.setStockType("NORMAL");
    request.setOutRequestNo(outRequestNo);
    return request;
  }
}
