package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The campaign status document of SPEC §4: the {@code status} query's answer and the body of the
 * API's campaign responses. A pure projection of the workflow state; {@code closed} is added by the
 * API only, never by the workflow.
 */
@SnakeCaseIgnoreUnknown
public record StatusDocument(
    String campaignId,
    String workflowId,
    String mchid,
    CampaignPhase status,
    Pause pause,
    String stockId,
    String stockStatus,
    Tally issued,
    Tally used,
    Rejected rejected,
    Budget budget,
    List<Wave> waves,
    @JsonInclude(JsonInclude.Include.NON_NULL) Failure failure,
    @JsonInclude(JsonInclude.Include.NON_NULL) Reconciliation reconciliation,
    @JsonInclude(JsonInclude.Include.NON_NULL) Flows flows,
    List<HistoryEntry> history,
    @JsonInclude(JsonInclude.Include.NON_NULL) Closed closed,
    @JsonInclude(JsonInclude.Include.NON_NULL) Approval approval) {

  /** A document without an approval (the merchant has no approval threshold). */
  public StatusDocument(
      String campaignId,
      String workflowId,
      String mchid,
      CampaignPhase status,
      Pause pause,
      String stockId,
      String stockStatus,
      Tally issued,
      Tally used,
      Rejected rejected,
      Budget budget,
      List<Wave> waves,
      Failure failure,
      Reconciliation reconciliation,
      Flows flows,
      List<HistoryEntry> history,
      Closed closed) {
    this(
        campaignId,
        workflowId,
        mchid,
        status,
        pause,
        stockId,
        stockStatus,
        issued,
        used,
        rejected,
        budget,
        waves,
        failure,
        reconciliation,
        flows,
        history,
        closed,
        null);
  }

  /** The same document with what Temporal says of the closed run (the API adds it). */
  public StatusDocument withClosed(Closed c) {
    return new StatusDocument(
        campaignId,
        workflowId,
        mchid,
        status,
        pause,
        stockId,
        stockStatus,
        issued,
        used,
        rejected,
        budget,
        waves,
        failure,
        reconciliation,
        flows,
        history,
        c,
        approval);
  }

  /**
   * Extension: the run is closed in Temporal. {@code executionStatus} is Temporal's (COMPLETED,
   * FAILED, CANCELED, TERMINATED, TIMED_OUT), {@code reason} the termination's reason or the
   * failure's message, {@code countsFrom} says where the counts come from: {@code workflow} (its
   * own last word) or {@code ledger} (the issuance ledger, when the workflow could not say).
   */
  @SnakeCaseIgnoreUnknown
  public record Closed(
      String executionStatus, String closeTime, String reason, String runId, String countsFrom) {}

  /**
   * Extension: the four-eyes approval, present when the merchant has an approval threshold. {@code
   * required} is whether the budget is above {@code threshold} (fen); {@code requestedBy} started
   * the campaign and may not decide on it; {@code expiresAt} is the activation time, when a pending
   * approval expires. Times are RFC 3339 in Asia/Shanghai.
   */
  @SnakeCaseIgnoreUnknown
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Approval(
      boolean required,
      long threshold,
      ApprovalDecision decision,
      String requestedBy,
      String expiresAt,
      String approvedBy,
      String approvedAt,
      String rejectedBy,
      String rejectedAt,
      String note) {}

  @SnakeCaseIgnoreUnknown
  public record Pause(PauseReason reason, String detail, String operator, String since) {}

  @SnakeCaseIgnoreUnknown
  public record Tally(long count, long amount) {}

  @SnakeCaseIgnoreUnknown
  public record Rejected(long count, Map<String, Long> byCode) {}

  @SnakeCaseIgnoreUnknown
  public record Budget(long maxAmount, double issuedPercent, double usedPercent) {}

  @SnakeCaseIgnoreUnknown
  public record Wave(
      String name,
      WavePhase status,
      String startAt,
      long recipients,
      long issued,
      long rejected,
      long failed) {}

  @SnakeCaseIgnoreUnknown
  public record Failure(String type, String message) {}

  /**
   * The reconciliation's headline. Extension: {@code flowsUnavailable} is true when WeChat Pay's
   * flow files did not appear before the deadline, so nothing was reconciled against them (absent
   * otherwise).
   */
  @SnakeCaseIgnoreUnknown
  public record Reconciliation(
      boolean balanced,
      long mismatches,
      String summary,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean flowsUnavailable) {

    public Reconciliation(boolean balanced, long mismatches, String summary) {
      this(balanced, mismatches, summary, null);
    }
  }

  /**
   * Extension: the wait for WeChat Pay's flow files, from the end of the stock on (absent before,
   * and for campaigns that do not download them). Times are RFC 3339 in Asia/Shanghai; {@code
   * waitingSince} is the first not-ready answer, {@code tries} counts those answers, {@code
   * lastAnswer} is the latest of them, {@code reason} says why the files are unavailable.
   */
  @SnakeCaseIgnoreUnknown
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Flows(
      FlowsState state,
      String expectedAt,
      String deadline,
      String waitingSince,
      String nextTryAt,
      int tries,
      String lastAnswer,
      String reason) {}

  @SnakeCaseIgnoreUnknown
  public record HistoryEntry(String at, String event, String detail) {}
}
