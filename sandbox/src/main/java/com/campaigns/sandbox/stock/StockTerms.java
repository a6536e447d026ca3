package com.campaigns.sandbox.stock;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A validated create-stock request: everything fixed at creation.
 *
 * @param request the request body as received, compared on an idempotent repeat
 */
public record StockTerms(
    String stockName,
    String comment,
    String belongMerchant,
    Instant availableBegin,
    Instant availableEnd,
    long maxCoupons,
    long maxAmount,
    Long maxAmountByDay,
    int maxCouponsPerUser,
    boolean naturalPersonLimit,
    boolean preventApiAbuse,
    long couponAmount,
    long transactionMinimum,
    Integer availableMinutesAfterReceive,
    List<String> availableMerchants,
    List<String> availableItems,
    List<String> goodsTag,
    List<String> tradeType,
    Boolean combineUse,
    boolean noCash,
    String stockType,
    String outRequestNo,
    JsonNode request) {}
