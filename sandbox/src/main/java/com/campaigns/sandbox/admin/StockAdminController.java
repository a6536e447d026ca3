package com.campaigns.sandbox.admin;

import com.campaigns.sandbox.clock.BusinessClock;
import com.campaigns.sandbox.coupon.Coupon;
import com.campaigns.sandbox.coupon.CouponRedemptions;
import com.campaigns.sandbox.protocol.Rejected;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Issued coupons of a stock, and the redemptions and refunds only a sandbox can cause. */
@RestController
record StockAdminController(CouponRedemptions coupons, BusinessClock clock) {

  @GetMapping("/sandbox/stocks/{stockId}/coupons")
  IssuedPage coupons(
      @PathVariable String stockId,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "100") int limit) {
    List<Coupon> all = coupons.issued(stockId);
    if (offset < 0 || limit < 1 || limit > 1000) {
      throw new Rejected(400, "PARAM_ERROR", "offset >= 0 and 1 <= limit <= 1000");
    }
    Instant now = clock.now();
    List<Issued> page =
        all.stream()
            .skip(offset)
            .limit(limit)
            .map(
                c ->
                    new Issued(
                        c.id(),
                        c.openid(),
                        c.outRequestNo(),
                        c.status(now).name(),
                        c.stock().terms().couponAmount(),
                        BusinessClock.format(c.createTime())))
            .toList();
    return new IssuedPage(all.size(), offset, limit, page);
  }

  @PostMapping("/sandbox/stocks/{stockId}/redeem")
  Changed redeem(@PathVariable String stockId, @RequestBody RedeemBody body) {
    if (body.count() == null && (body.couponIds() == null || body.couponIds().isEmpty())) {
      throw new Rejected(400, "PARAM_ERROR", "give count or coupon_ids");
    }
    List<String> ids =
        coupons.redeem(
            stockId,
            body.count(),
            body.couponIds(),
            body.transactionAmount(),
            body.tradeType(),
            body.goodsTag());
    return new Changed(ids.size(), ids);
  }

  @PostMapping("/sandbox/stocks/{stockId}/refund")
  Changed refund(@PathVariable String stockId, @RequestBody RefundBody body) {
    if (body.count() == null || body.count() < 1) {
      throw new Rejected(400, "PARAM_ERROR", "count must be at least 1");
    }
    List<String> ids = coupons.refund(stockId, body.count());
    return new Changed(ids.size(), ids);
  }

  record Issued(
      String couponId,
      String openid,
      String outRequestNo,
      String status,
      long couponAmount,
      String createTime) {}

  record IssuedPage(long totalCount, int offset, int limit, List<Issued> data) {}

  record RedeemBody(
      Integer count,
      List<String> couponIds,
      Long transactionAmount,
      String tradeType,
      String goodsTag) {}

  record RefundBody(Integer count) {}

  record Changed(int count, List<String> couponIds) {}
}
