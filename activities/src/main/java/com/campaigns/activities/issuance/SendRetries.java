package com.campaigns.activities.issuance;

import com.campaigns.wechatpay.WechatError;
import com.campaigns.workflows.model.IssueStop;
import java.util.function.BooleanSupplier;

/**
 * The classification step of one send: what to do after WeChat Pay answered with an error, as
 * {@link com.campaigns.wechatpay.WechatErrorClassifier} classified it. Keeps the send's own retry
 * counts, so a new instance is made per recipient.
 */
final class SendRetries {

  /** The kinds of next step. */
  enum Action {
    /**
     * The key was rotated while the send was signed with the old one: send again with the new key.
     */
    RESEND_WITH_NEW_KEY,
    /**
     * A RULE_LIMIT that may be WeChat Pay's false one: wait {@link Next#delayMillis()}, send again.
     */
    RESEND_AFTER_DELAY,
    /** Back off {@link Next#delayMillis()}, then send again in a send slot of its own. */
    RETRY_IN_A_NEW_SLOT,
    /** The transient failures of this send are exhausted: fail the attempt. */
    GIVE_UP,
    /** Record the recipient as REJECTED. */
    REJECT,
    /**
     * Record the send as FAILED (an unknown code); it is sent again later with the same
     * out_request_no.
     */
    RECORD_UNKNOWN,
    /** Stop the segment with {@link Next#stop()}. */
    STOP_SEGMENT
  }

  /** One decision. */
  record Next(Action action, long delayMillis, IssueStop stop) {

    static Next of(Action action) {
      return new Next(action, 0, null);
    }
  }

  static final int MAX_KEY_ROTATIONS = 3;

  private final int transientAttempts;
  private final long suspectRetryDelayMillis;
  private int transientTries;
  private int rotations;
  private boolean suspectRetried;

  SendRetries(int transientAttempts, long suspectRetryDelayMillis) {
    this.transientAttempts = transientAttempts;
    this.suspectRetryDelayMillis = suspectRetryDelayMillis;
  }

  /**
   * The next step after {@code error}; {@code keyRotated} says whether the merchant now has another
   * client than the one that signed the send (asked only after a SIGN_ERROR).
   */
  Next after(WechatError error, BooleanSupplier keyRotated) {
    if ("SIGN_ERROR".equals(error.code())
        && rotations < MAX_KEY_ROTATIONS
        && keyRotated.getAsBoolean()) {
      rotations++;
      return Next.of(Action.RESEND_WITH_NEW_KEY);
    }
    return switch (error.kind()) {
      case RECIPIENT_SUSPECT -> {
        if (!suspectRetried) {
          suspectRetried = true;
          yield new Next(Action.RESEND_AFTER_DELAY, suspectRetryDelayMillis, null);
        }
        yield Next.of(Action.REJECT);
      }
      case RECIPIENT -> Next.of(Action.REJECT);
      case TRANSIENT, THROTTLED, UNVERIFIED -> {
        if (++transientTries >= transientAttempts) {
          yield Next.of(Action.GIVE_UP);
        }
        long backoff =
            error.kind() == WechatError.Kind.THROTTLED ? 1000 : 100L << Math.min(transientTries, 5);
        yield new Next(Action.RETRY_IN_A_NEW_SLOT, backoff, null);
      }
      case DAILY_LIMIT -> new Next(Action.STOP_SEGMENT, 0, IssueStop.DAILY_LIMIT);
      case STOCK_NOT_RUNNING -> new Next(Action.STOP_SEGMENT, 0, IssueStop.STOCK_NOT_RUNNING);
      case UNKNOWN -> Next.of(Action.RECORD_UNKNOWN);
      default -> new Next(Action.STOP_SEGMENT, 0, IssueStop.STOCK_LEVEL);
    };
  }
}
