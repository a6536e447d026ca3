package com.campaigns.sandbox.stock;

import java.time.Instant;

/**
 * Money at activation: a pre-funded stock ({@code no_cash: false}) locks its budget from its
 * creator's balance when it starts. {@link StockService} starts such a stock while holding this
 * object's monitor, so the check and the start are one step for all of a merchant's stocks.
 */
public interface ActivationFunds {

  /** Throws WeChat Pay's refusal when the creator's balance cannot cover {@code stock}'s budget. */
  void check(Stock stock, Instant now);
}
