package com.campaigns.sandbox.coupon;

import java.util.List;

/** How a coupon was used, as query-coupon and the COUPON.USE payload show it. */
public record ConsumeInformation(
    String consumeTime, String consumeMchid, String transactionId, List<GoodsDetail> goodsDetail) {

  public record GoodsDetail(String goodsId, int quantity, long price, long discountAmount) {}
}
