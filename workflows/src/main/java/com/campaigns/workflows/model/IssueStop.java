package com.campaigns.workflows.model;

/** Why an IssueCoupons run ended. */
public enum IssueStop {
  /** Every recipient of the segment has an outcome (issued, rejected, or failed in this run). */
  COMPLETED,
  /** The segment reached its issue cap (a budget threshold). */
  CAP_REACHED,
  /** WeChat Pay refused with the stock's daily limit (max_amount_by_day). */
  DAILY_LIMIT,
  /** WeChat Pay says the stock is not running (paused or stopped outside the product, or ended). */
  STOCK_NOT_RUNNING,
  /**
   * Another stock-level WeChat Pay error: budget exhausted, signature, permission, unknown code.
   */
  STOCK_LEVEL
}
