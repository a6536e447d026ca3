package com.campaigns.workflows.model;

/** ApplicationFailure types that workflows branch on (never on messages). */
public final class FailureTypes {

  /** The flow file is not published yet: retry later. */
  public static final String FLOW_NOT_READY = "FLOW_NOT_READY";

  /** No stored audience with that id. */
  public static final String AUDIENCE_NOT_FOUND = "AUDIENCE_NOT_FOUND";

  /**
   * WeChat Pay refused a stock move, and the stock's status read afterwards does not allow the
   * move.
   */
  public static final String STOCK_STATE = "STOCK_STATE";

  /** The spec failed validation inside the workflow. */
  public static final String INVALID_SPEC = "INVALID_SPEC";

  /**
   * No usable credentials for the merchant on this worker (never configured, removed, invalid). The
   * campaign pauses with MERCHANT_UNAVAILABLE instead of failing.
   */
  public static final String MERCHANT_UNKNOWN = "MERCHANT_UNKNOWN";

  /**
   * The campaign's notify URL is one WeChat Pay refuses (http, a query string): setting it would be
   * answered "系统繁忙" for ever, so the activity fails at once (the API refuses to start with such a
   * {@code campaigns.workflow.notify-url}).
   */
  public static final String INVALID_NOTIFY_URL = "INVALID_NOTIFY_URL";

  /**
   * WeChat Pay refused to activate a pre-funded stock ({@code no_cash: false}) that is still
   * unactivated: with NOT_ENOUGH at once (nothing was issued, so neither the budget nor the day's
   * cap can be spent), with a code that does not say why once the retries are used up. Its budget
   * is locked from the merchant's balance at activation, so the balance is the likely cause: the
   * campaign pauses with INSUFFICIENT_FUNDS instead of failing.
   */
  public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";

  // Update rejections: the API maps each to an error kind (NOT_PAUSABLE → not_pausable).

  /** A pause update in a phase that cannot be paused (or already paused by hand). */
  public static final String NOT_PAUSABLE = "NOT_PAUSABLE";

  /** A resume update while the campaign is not paused. */
  public static final String NOT_PAUSED = "NOT_PAUSED";

  /** A resume update after the stock was stopped at WeChat Pay (a stop is permanent). */
  public static final String STOCK_STOPPED = "STOCK_STOPPED";

  /** A cancel update on a campaign that has already ended its run. */
  public static final String NOT_CANCELLABLE = "NOT_CANCELLABLE";

  /** A reschedule update naming no pending wave or a start outside the stock's window. */
  public static final String INVALID_RESCHEDULE = "INVALID_RESCHEDULE";

  /** An approve or reject while the campaign is not awaiting approval (or already answered). */
  public static final String NOT_AWAITING_APPROVAL = "NOT_AWAITING_APPROVAL";

  /** An approve or reject by the person who started the campaign (four eyes). */
  public static final String SELF_APPROVAL = "SELF_APPROVAL";

  /** An approve or reject that names no operator. */
  public static final String INVALID_APPROVAL = "INVALID_APPROVAL";

  private FailureTypes() {}
}
