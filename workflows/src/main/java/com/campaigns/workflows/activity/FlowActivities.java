package com.campaigns.workflows.activity;

import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.FlowRequest;
import com.campaigns.workflows.model.FlowResult;
import com.campaigns.workflows.model.ReconcileRequest;
import com.campaigns.workflows.model.ReconcileSummary;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The end-of-campaign flow files (核销明细 / 退款明细) and the reconciliation built on them. A file not yet
 * published fails with the retryable type FLOW_NOT_READY.
 */
@ActivityInterface
public interface FlowActivities {

  /**
   * Downloads the use flow within its URL's lifetime, verifies SHA-1, stores the rows (replacing).
   */
  @ActivityMethod(name = TemporalNames.ACTIVITY_DOWNLOAD_USE_FLOW)
  FlowResult downloadUseFlow(FlowRequest request);

  /** Same for the refund flow. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_DOWNLOAD_REFUND_FLOW)
  FlowResult downloadRefundFlow(FlowRequest request);

  /** Joins ledger, COUPON.USE events and flow rows; stores the report; returns its headline. */
  @ActivityMethod(name = TemporalNames.ACTIVITY_RECONCILE)
  ReconcileSummary reconcile(ReconcileRequest request);
}
