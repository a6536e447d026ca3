package com.campaigns.workflows.model;

/**
 * Why a campaign is paused. SPEC §4 names the first four; WECHAT_ERROR (a stock-level error code
 * from WeChat Pay such as NOT_ENOUGH, SIGN_ERROR or NO_AUTH), MERCHANT_UNAVAILABLE (the workers
 * hold no usable credentials for the campaign's merchant: removed from the registry, or invalid)
 * and CALLBACK_CONFLICT (the merchant's COUPON.USE callback points to another system's URL, which
 * the product does not replace unless the merchant's configuration gives it the callback) and
 * INSUFFICIENT_FUNDS (WeChat Pay refused to activate a pre-funded stock, whose budget is locked
 * from the merchant's balance at activation; resume tries the activation again) are this product's
 * extensions.
 */
public enum PauseReason {
  MANUAL,
  BUDGET_THRESHOLD,
  DAILY_LIMIT,
  STOCK_STATE,
  WECHAT_ERROR,
  MERCHANT_UNAVAILABLE,
  CALLBACK_CONFLICT,
  INSUFFICIENT_FUNDS
}
