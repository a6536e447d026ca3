package com.campaigns.ledger;

/**
 * One row of a use-flow or refund-flow file as stored in the ledger. Amounts in fen; null when the
 * file has no such column.
 */
public record FlowRow(
    int lineNo,
    String stockId,
    String couponId,
    Long couponAmount,
    Long orderAmount,
    Long refundAmount,
    String transactionId,
    String refundNo,
    String eventTime,
    String mchid,
    String raw) {}
