package com.campaigns.workflows.campaign;

import com.campaigns.workflows.model.FailureTypes;
import com.campaigns.workflows.rules.SpecValidator;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of every activity, in one place. Retryability of a WeChat Pay error is the
 * activity's decision (a non-retryable ApplicationFailure); these policies only bound the retries.
 */
final class ActivityPolicies {

  /** Heartbeats of IssueCoupons: cancellation reaches it within about 80% of this. */
  static final Duration ISSUE_HEARTBEAT_TIMEOUT = Duration.ofSeconds(6);

  private ActivityPolicies() {}

  /** Stock lifecycle calls: retried until they succeed or fail for good. */
  static ActivityOptions stockCalls() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(2))
                .build())
        .build();
  }

  /**
   * The tidy-up's pause: an operator waits for it, so a few attempts, then the failure is theirs to
   * read (the campaign's own stock calls retry without limit).
   */
  static ActivityOptions tidyUpStockCall() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(20))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumAttempts(4)
                .build())
        .build();
  }

  /**
   * Periodic stock checks are short reads and best effort (a failed check is skipped, the next one
   * comes): a local activity, so each check costs one marker event instead of three events and a
   * second workflow task.
   */
  static LocalActivityOptions stockCheck() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(20))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumAttempts(3)
                .build())
        .setSummary("check stock state and redemptions")
        .build();
  }

  /** Whether a worker holds the merchant's credentials: a local lookup, retried a little. */
  static ActivityOptions merchantCheck() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumAttempts(3)
                .build())
        .build();
  }

  static ActivityOptions ledgerReads() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofMinutes(1))
                .build())
        .build();
  }

  /**
   * One segment of a wave. It may run for a long time at a low rate, heartbeats often, and waits
   * for its own cancellation so that no send happens after the workflow has paused the stock.
   */
  static ActivityOptions issueCoupons(long recipients, int ratePerSecond) {
    long expectedSeconds =
        recipients / (ratePerSecond > 0 ? ratePerSecond : SpecValidator.MAX_RATE_PER_SECOND);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(Math.max(600, expectedSeconds * 3)))
        .setHeartbeatTimeout(ISSUE_HEARTBEAT_TIMEOUT)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .build())
        .build();
  }

  /** Flow downloads: FLOW_NOT_READY is retried at a steady interval until WeChat Pay publishes. */
  static ActivityOptions flows(Duration retryInterval) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(retryInterval)
                .setBackoffCoefficient(1)
                .build())
        .build();
  }

  /**
   * One try of a flow file: FLOW_NOT_READY is answered at once (the workflow waits on its own
   * timer, visibly), a transient error gets two more attempts a little later; then the workflow
   * counts it as not ready too.
   */
  static ActivityOptions flowTry() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(15))
                .setBackoffCoefficient(2)
                .setMaximumAttempts(3)
                .setDoNotRetry(FailureTypes.FLOW_NOT_READY)
                .build())
        .build();
  }

  /** The reconciliation reads and writes the ledger only: retried until the ledger answers. */
  static ActivityOptions reconcile() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(5))
                .build())
        .build();
  }

  static LocalActivityOptions recordStatus() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(500))
                .setMaximumAttempts(3)
                .build())
        .build();
  }
}
