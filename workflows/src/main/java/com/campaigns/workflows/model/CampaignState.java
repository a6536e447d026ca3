package com.campaigns.workflows.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a campaign run knows, in one object: handed whole to continue-as-new and projected by
 * the {@code status} query. Mutated only by the workflow thread.
 */
@SnakeCaseIgnoreUnknown
public class CampaignState {

  /** Where the lifecycle is; finer than the phase ops see. */
  public enum Stage {
    NEW,
    AWAIT_APPROVAL,
    CREATE_STOCK,
    AWAIT_ACTIVATION,
    ACTIVATE,
    WAVES,
    AWAIT_END,
    FLOWS,
    DONE
  }

  public String campaignId;
  public String workflowId;
  public String mchid;
  public Stage stage = Stage.NEW;
  public CampaignPhase phase = CampaignPhase.SCHEDULED;

  public PauseInfo pause;
  public PauseInfo pendingPause;
  public String resumeRequestedBy;
  public int resumeAttempts;
  public CancelRequest cancelRequest;
  public int scheduleVersion;

  /** The four-eyes approval; null when the merchant has no approval threshold. */
  public ApprovalInfo approval;

  /** The COUPON.USE callback is still to be set (before the stock is created). */
  public boolean callbackPending;

  public String campaignKey;
  public String stockOutRequestNo;
  public String couponPrefix;
  public String stockId;
  public StockStatus stockStatus;

  public List<WaveState> waves = new ArrayList<>();
  public int nextWavePosition;

  public long usedCount;
  public long usedAmount;
  public List<Boolean> thresholdFired = new ArrayList<>();
  public long nextStockCheckAtMillis;

  public List<StatusDocument.HistoryEntry> history = new ArrayList<>();
  public StatusDocument.Failure failure;
  public StatusDocument.Reconciliation reconciliation;
  public boolean useFlowDownloaded;
  public boolean refundFlowDownloaded;

  /** The wait for WeChat Pay's flow files; null before the flow stage (and on the old path). */
  public FlowWait flows;

  /** When the campaign index last refused a write (null while it is current). */
  public Long indexBehindSinceMillis;

  public CampaignPhase publishedPhase;
  public String publishedStockId;
  public int runs = 1;

  /** A pause in force or requested. */
  @SnakeCaseIgnoreUnknown
  public static class PauseInfo {
    public PauseReason reason;
    public String detail;
    public String operator;
    public long sinceMillis;

    /** When the pause lifts by itself (next day, after a duration); null for manual resume. */
    public Long resumeAtMillis;

    /** The phase to return to on resume. */
    public CampaignPhase resumeTo;

    /**
     * Raised by an IssueCoupons result (cap, daily limit, stock-level error): the other segments
     * meet the same condition by themselves, so they are left to finish instead of being cancelled.
     */
    public boolean fromIssuance;

    public PauseInfo() {}

    public PauseInfo(PauseReason reason, String detail, String operator, Long resumeAtMillis) {
      this.reason = reason;
      this.detail = detail;
      this.operator = operator;
      this.resumeAtMillis = resumeAtMillis;
    }
  }

  /** The four-eyes approval: what the status document's {@code approval} shows. */
  @SnakeCaseIgnoreUnknown
  public static class ApprovalInfo {
    public boolean required;
    public long threshold;
    public String requestedBy;
    public long expiresAtMillis;
    public ApprovalDecision decision;
    public String decidedBy;
    public Long decidedAtMillis;
    public String note;

    /** An approver has answered (the main thread has yet to act when still awaiting). */
    public boolean answered() {
      return decision == ApprovalDecision.APPROVED || decision == ApprovalDecision.REJECTED;
    }
  }

  /** The wait for the flow files: what the status document's {@code flows} shows. */
  @SnakeCaseIgnoreUnknown
  public static class FlowWait {
    public FlowsState state = FlowsState.EXPECTED;
    public long expectedAtMillis;
    public long deadlineAtMillis;

    /** The first not-ready answer; null while there was none. */
    public Long waitingSinceMillis;

    public Long nextTryAtMillis;

    /** Not-ready answers so far. */
    public int tries;

    /** WeChat Pay's (or the activity's) last not-ready answer, for ops to read. */
    public String lastAnswer;

    /** Why the report is marked flows_unavailable (state UNAVAILABLE only). */
    public String unavailableReason;
  }

  /** One wave's progress. {@code recipients} stays null until the audience is counted. */
  @SnakeCaseIgnoreUnknown
  public static class WaveState {
    public String name;
    public String startAt;
    public String audienceId;
    public int ratePerSecond;
    public Long recipients;
    public WavePhase status = WavePhase.PENDING;
    public List<SegmentState> segments = new ArrayList<>();

    public SegmentTotals totals() {
      SegmentTotals sum = SegmentTotals.EMPTY;
      for (SegmentState s : segments) {
        sum = sum.plus(s.totals);
      }
      return sum;
    }

    public boolean allSegmentsDone() {
      return segments.stream().allMatch(s -> s.done);
    }
  }

  /** One segment: whether every recipient has an outcome, and its absolute ledger totals. */
  @SnakeCaseIgnoreUnknown
  public static class SegmentState {
    public boolean done;
    public SegmentTotals totals = SegmentTotals.EMPTY;
  }

  public SegmentTotals totals() {
    SegmentTotals sum = SegmentTotals.EMPTY;
    for (WaveState w : waves) {
      sum = sum.plus(w.totals());
    }
    return sum;
  }
}
