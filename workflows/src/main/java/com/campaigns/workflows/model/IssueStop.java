package com.campaigns.workflows.model;

/** Why an IssueCoupons run ended. */
public enum IssueStop {
  /** Every recipient of the segment has an outcome (issued, rejected, or failed in this run). */
  COMPLETED,
  /** The segment reached its issue cap (a budget threshold). */
  CAP_REACHED,
  /**
   * WeChat Pay refused, and the stock's facts show today's max_amount_by_day spent (the ledger's
   * amount issued today).
   */
  DAILY_LIMIT,
  /**
   * WeChat Pay refused, and its QueryStock says the stock is not running (paused or stopped outside
   * the product, or ended).
   */
  STOCK_NOT_RUNNING,
  /**
   * Another stock-level WeChat Pay error: budget spent (by the stock's facts), signature,
   * permission, unknown codes or recipients refused in a row.
   */
  STOCK_LEVEL
}
