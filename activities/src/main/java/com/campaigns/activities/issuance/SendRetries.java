package com.campaigns.activities.issuance;

import com.campaigns.wechatpay.StockFacts;
import com.campaigns.wechatpay.WechatError;
import com.campaigns.workflows.model.IssueStop;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The classification step of one send: what to do after WeChat Pay answered with an error, as
 * {@link com.campaigns.wechatpay.WechatErrorClassifier} classified it. A code that does not say
 * whether the stock, the rate or the recipient is meant ({@link WechatError.Kind#readsStock()}) is
 * decided by the stock's facts ({@link StockFacts#finding()}), never by the message: a spent
 * budget, a stock that is not running and a reached daily cap stop the segment; a stock that can
 * issue makes the refusal one to retry a few times, then a rejection of the recipient (or, for
 * NOT_ENOUGH and PARAM_ERROR, a stock-level stop). Keeps the send's own retry counts, so a new
 * instance is made per recipient.
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
     * Record the recipient as REJECTED after retries: the stock could issue, so the refusal was
     * taken to be about the recipient. Too many in a row stop the segment.
     */
    REJECT_UNEXPLAINED,
    /**
     * Record the send as FAILED (an unknown code); it is sent again later with the same
     * out_request_no.
     */
    RECORD_UNKNOWN,
    /** Stop the segment with {@link Next#stop()}. */
    STOP_SEGMENT
  }

  /**
   * One decision.
   *
   * @param evidence what to record, stop or fail with; null for the answer itself
   */
  record Next(Action action, long delayMillis, IssueStop stop, WechatError evidence) {

    Next(Action action, long delayMillis, IssueStop stop) {
      this(action, delayMillis, stop, null);
    }

    static Next of(Action action) {
      return new Next(action, 0, null, null);
    }
  }

  /** The stock's facts for a refusal that needs them, or why they could not be read. */
  record FactsRead(StockFacts facts, WechatError failure) {}

  static final int MAX_KEY_ROTATIONS = 3;

  private final int transientAttempts;
  private final long suspectRetryDelayMillis;
  private final int unexplainedAttempts;
  private final long unexplainedRetryDelayMillis;
  private int transientTries;
  private int unexplainedTries;
  private int rotations;
  private boolean suspectRetried;

  SendRetries(IssuanceSettings settings) {
    this(
        settings.transientAttempts(),
        settings.suspectRetryDelay().toMillis(),
        settings.unexplainedAttempts(),
        settings.unexplainedRetryDelay().toMillis());
  }

  SendRetries(
      int transientAttempts,
      long suspectRetryDelayMillis,
      int unexplainedAttempts,
      long unexplainedRetryDelayMillis) {
    this.transientAttempts = transientAttempts;
    this.suspectRetryDelayMillis = suspectRetryDelayMillis;
    this.unexplainedAttempts = unexplainedAttempts;
    this.unexplainedRetryDelayMillis = unexplainedRetryDelayMillis;
  }

  /**
   * The next step after {@code error}; {@code keyRotated} says whether the merchant now has another
   * client than the one that signed the send (asked only after a SIGN_ERROR), {@code facts} reads
   * the stock (asked only for a code that needs it).
   */
  Next after(WechatError error, BooleanSupplier keyRotated, Supplier<FactsRead> facts) {
    if ("SIGN_ERROR".equals(error.code())
        && rotations < MAX_KEY_ROTATIONS
        && keyRotated.getAsBoolean()) {
      rotations++;
      return Next.of(Action.RESEND_WITH_NEW_KEY);
    }
    if (error.kind().readsStock()) {
      return afterReading(error, facts.get());
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
      case TRANSIENT, THROTTLED, UNVERIFIED -> transientStep(error, null);
      case UNKNOWN -> Next.of(Action.RECORD_UNKNOWN);
      default -> new Next(Action.STOP_SEGMENT, 0, IssueStop.STOCK_LEVEL);
    };
  }

  private Next transientStep(WechatError error, WechatError evidence) {
    if (++transientTries >= transientAttempts) {
      return new Next(Action.GIVE_UP, 0, null, evidence);
    }
    long backoff =
        error.kind() == WechatError.Kind.THROTTLED ? 1000 : 100L << Math.min(transientTries, 5);
    return new Next(Action.RETRY_IN_A_NEW_SLOT, backoff, null, evidence);
  }

  /** What an answer that needs the stock's facts means, given them. */
  private Next afterReading(WechatError error, FactsRead read) {
    if (read.failure() != null) {
      if (read.failure().kind().retryable()) {
        // Reading the stock failed for now: retried like the transient failure it is.
        return transientStep(read.failure(), read.failure());
      }
      return stop(
          IssueStop.STOCK_LEVEL,
          error,
          "the stock could not be read (" + read.failure().describe() + ")");
    }
    StockFacts facts = read.facts();
    return switch (facts.finding()) {
      case BUDGET_EXHAUSTED -> stop(IssueStop.STOCK_LEVEL, error, facts.explain());
      case NOT_RUNNING -> stop(IssueStop.STOCK_NOT_RUNNING, error, facts.explain());
      case DAILY_CAP_REACHED -> stop(IssueStop.DAILY_LIMIT, error, facts.explain());
      case ISSUABLE -> unexplained(error, facts);
    };
  }

  /**
   * The stock can issue, yet WeChat Pay refused. Retried with a doubling delay, so the stock is
   * read again (its facts are kept {@code unexplainedRetryDelay}) and the ledger has caught up with
   * the answers in flight; then the refusal is the recipient's (INVALID_REQUEST, REQUEST_BLOCKED)
   * or the stock's (NOT_ENOUGH). PARAM_ERROR is the request's own fault: the same for every
   * recipient, so it stops at once.
   */
  private Next unexplained(WechatError error, StockFacts facts) {
    if (error.kind() == WechatError.Kind.STOCK_OR_REQUEST) {
      return stop(IssueStop.STOCK_LEVEL, error, facts.explain());
    }
    if (++unexplainedTries < unexplainedAttempts) {
      long delay = unexplainedRetryDelayMillis << Math.min(unexplainedTries - 1, 5);
      return new Next(Action.RETRY_IN_A_NEW_SLOT, delay, null);
    }
    if (error.kind() == WechatError.Kind.STOCK_OR_RECIPIENT) {
      return Next.of(Action.REJECT_UNEXPLAINED);
    }
    return stop(IssueStop.STOCK_LEVEL, error, facts.explain());
  }

  /** A stop whose message gives the facts first, then what WeChat Pay answered. */
  private static Next stop(IssueStop stop, WechatError error, String facts) {
    return new Next(
        Action.STOP_SEGMENT,
        0,
        stop,
        new WechatError(
            error.kind(),
            error.httpStatus(),
            error.code(),
            facts + "; WeChat Pay answered " + error.describe()));
  }
}
