package com.campaigns.sandbox.flow;

import java.time.Instant;

/** One use-flow row: a coupon used in a payment. Amounts in fen. */
public record UseRow(
    String stockId,
    String couponId,
    String couponType,
    long couponAmount,
    long orderAmount,
    String transactionId,
    Instant consumeTime,
    String consumeMchid,
    String deviceNo,
    String bankSerialNo,
    String goodsInfo) {}
