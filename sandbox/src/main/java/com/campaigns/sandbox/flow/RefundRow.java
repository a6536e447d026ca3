package com.campaigns.sandbox.flow;

import java.time.Instant;

/** One refund-flow row: the use it refunds plus the refund. Amounts in fen. */
public record RefundRow(UseRow use, String refundId, Instant refundTime, long refundAmount) {}
