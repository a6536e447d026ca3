package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The campaign status document of SPEC §4: the {@code status} query's answer and the body of the
 * API's campaign responses. A pure projection of the workflow state.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
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
    List<HistoryEntry> history) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Pause(PauseReason reason, String detail, String operator, String since) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Tally(long count, long amount) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Rejected(long count, Map<String, Long> byCode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Budget(long maxAmount, double issuedPercent, double usedPercent) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Wave(
      String name,
      WavePhase status,
      String startAt,
      long recipients,
      long issued,
      long rejected,
      long failed) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Failure(String type, String message) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Reconciliation(boolean balanced, long mismatches, String summary) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HistoryEntry(String at, String event, String detail) {}
}
