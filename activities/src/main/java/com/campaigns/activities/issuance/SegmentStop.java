package com.campaigns.activities.issuance;

import com.campaigns.wechatpay.WechatError;
import com.campaigns.workflows.model.IssueStop;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Why a segment run stops dispatching, written by the dispatcher and the sender threads and read
 * when the run ends. The first reason of each kind wins; any of them stops new sends.
 */
final class SegmentStop {

  /** A stop the activity reports in its result (cap, daily limit, stock state, …). */
  record Reason(IssueStop stop, String code, String message) {}

  private final AtomicReference<Reason> reason = new AtomicReference<>();
  private final AtomicReference<WechatError> transientFailure = new AtomicReference<>();
  private final AtomicBoolean merchantGone = new AtomicBoolean();
  private final AtomicReference<RuntimeException> ledgerFailure = new AtomicReference<>();
  private final AtomicReference<RuntimeException> sendFailure = new AtomicReference<>();

  void stop(IssueStop stop, String code, String message) {
    reason.compareAndSet(null, new Reason(stop, code, message));
  }

  /** A send that kept failing transiently: the attempt fails and Temporal retries the segment. */
  void transientFailure(WechatError error) {
    transientFailure.compareAndSet(null, error);
  }

  /** The merchant was removed from the registry while the segment ran. */
  void merchantGone() {
    merchantGone.set(true);
  }

  /**
   * A batched ledger write failed: dispatching stops, the final flush writes the answers or fails.
   */
  void ledgerFailure(RuntimeException e) {
    ledgerFailure.compareAndSet(null, e);
  }

  /**
   * A send ended without a final answer for a reason of our own (the send slots' database was
   * unreachable, a bug): its recipient has no outcome, so the attempt must fail and be retried,
   * never return as if the segment were done.
   */
  void sendFailure(RuntimeException e) {
    sendFailure.compareAndSet(null, e);
  }

  boolean stopped() {
    return reason.get() != null
        || transientFailure.get() != null
        || merchantGone.get()
        || ledgerFailure.get() != null
        || sendFailure.get() != null;
  }

  Reason reason() {
    return reason.get();
  }

  WechatError transientFailure() {
    return transientFailure.get();
  }

  boolean merchantIsGone() {
    return merchantGone.get();
  }

  RuntimeException ledgerFailure() {
    return ledgerFailure.get();
  }

  RuntimeException sendFailure() {
    return sendFailure.get();
  }
}
