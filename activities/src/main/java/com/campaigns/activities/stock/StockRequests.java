package com.campaigns.activities.stock;

import com.campaigns.workflows.model.StockSpec;
import com.wechat.pay.java.service.cashcoupons.model.CouponRule;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FavorAvailableTime;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.StockRule;
import java.util.List;

/**
 * Maps a campaign's stock spec to WeChat Pay's create-stock request (SDK model types stay here).
 */
final class StockRequests {

  private StockRequests() {}

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
    if (s.availableTimeAfterReceive() != null) {
      // Only fields the marketer set are sent: WeChat Pay refuses unusable time fields (seed FAQ
      // #9).
      FavorAvailableTime time = new FavorAvailableTime();
      time.setAvailableTimeAfterReceive(s.availableTimeAfterReceive());
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
    request.setNoCash(s.noCash());
    request.setStockType("NORMAL");
    request.setOutRequestNo(outRequestNo);
    return request;
  }
}
