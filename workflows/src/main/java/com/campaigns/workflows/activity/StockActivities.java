package com.campaigns.workflows.activity;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.CallbackRequest;
import com.campaigns.workflows.model.CallbackResult;
import com.campaigns.workflows.model.CreateStockRequest;
import com.campaigns.workflows.model.MerchantCheck;
import com.campaigns.workflows.model.StockCheck;
import com.campaigns.workflows.model.StockCommand;
import com.campaigns.workflows.model.StockCreated;
import com.campaigns.workflows.model.StockTransition;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The stock (批次) lifecycle at WeChat Pay. Failures are {@code ApplicationFailure}s typed by the
 * WeChat Pay error code (or HTTP_ERROR / INVALID_SIGNATURE for transport and verification
 * problems); retryable or not as {@code WechatErrorClassifier} decides. Every method but {@link
 * #checkMerchant} fails with the non-retryable {@code MERCHANT_UNKNOWN} when the worker holds no
 * credentials for the merchant.
 */
@ActivityInterface
public interface StockActivities {

  /**
   * Reads the merchant's COUPON.USE notification URL (GET /v3/marketing/favor/callbacks) and sets
   * the request's (POST) only when none is set, or when the merchant's configuration gives the
   * callback to this product; leaves it alone when it is already the request's, and answers
   * CONFLICT without changing anything when it is another system's. Fails with the non-retryable
   * {@code INVALID_NOTIFY_URL} for a URL WeChat Pay refuses (http, a query string): it would answer
   * a bare "系统繁忙" for ever. Repeatable: a retry after a lost answer finds the URL already set.
   */
  @ActivityMethod(name = TemporalNames.ACTIVITY_SET_CALLBACK)
  CallbackResult setCallback(CallbackRequest request);

  /**
   * Creates the stock. Idempotent by {@code out_request_no}: a retry after a lost response gets the
   * same stock back from WeChat Pay.
   */
  @ActivityMethod(name = TemporalNames.ACTIVITY_CREATE_STOCK)
  StockCreated createStock(CreateStockRequest request);

  /** Activates (starts) the stock; WeChat Pay treats a repeat as a no-op. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_ACTIVATE_STOCK)
  StockTransition activateStock(StockCommand command);

  /** Pauses the stock so no channel can issue its coupons; idempotent. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_PAUSE_STOCK)
  StockTransition pauseStock(StockCommand command);

  /** Restarts a paused stock; idempotent. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_RESTART_STOCK)
  StockTransition restartStock(StockCommand command);

  /** Reads the stock's live status and the campaign's recorded redemptions. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_CHECK_STOCK)
  StockCheck checkStock(StockCommand command);

  /**
   * Whether this worker holds credentials for the merchant now (a registry lookup, no call to
   * WeChat Pay). Never fails for an unknown merchant: it answers unavailable, with the reason. A
   * campaign paused with MERCHANT_UNAVAILABLE asks this to know when to resume.
   */
  @ActivityMethod(name = TemporalNames.ACTIVITY_CHECK_MERCHANT)
  MerchantCheck checkMerchant(StockCommand command);
}
