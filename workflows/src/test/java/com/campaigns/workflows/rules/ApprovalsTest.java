package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.model.ApprovalDecision;
import com.campaigns.workflows.model.ApprovalRequest;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignState;
import com.campaigns.workflows.model.FailureTypes;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ApprovalsTest {

  @ParameterizedTest(name = "budget {0}, threshold {1}: required {2}")
  @CsvSource(
      nullValues = "off",
      value = {
        "5000000, off,     false",
        "5000000, 5000000, false",
        "5000001, 5000000, true",
        "1,       0,       true",
        "0,       0,       false"
      })
  void onlyABudgetAboveTheThresholdNeedsApproval(long budget, Long threshold, boolean required) {
    assertThat(Approvals.required(budget, threshold)).isEqualTo(required);
  }

  @ParameterizedTest(name = "{0} on a campaign started by {1}: {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "approver-ann,   marketer-mei, true",
        "marketer-mei,   marketer-mei, false",
        "' Marketer-MEI', marketer-mei, false",
        "approver-ann,   none,         true",
        "'  ',           marketer-mei, false",
        "none,           marketer-mei, false"
      })
  void theStarterMayNotDecide(String operator, String startedBy, boolean may) {
    assertThat(Approvals.mayDecide(operator, startedBy)).isEqualTo(may);
  }

  static CampaignState awaiting() {
    CampaignState s = new CampaignState();
    s.campaignId = "c1";
    s.phase = CampaignPhase.AWAITING_APPROVAL;
    s.approval = new CampaignState.ApprovalInfo();
    s.approval.required = true;
    s.approval.decision = ApprovalDecision.PENDING;
    return s;
  }

  @Test
  void anotherPersonMayApproveACampaignAwaitingApproval() {
    assertThat(UpdateChecks.approval(awaiting(), new ApprovalRequest("ann", null), "mei"))
        .isEmpty();
  }

  @Test
  void theStarterIsRefusedAsSelfApproval() {
    assertThat(type(UpdateChecks.approval(awaiting(), new ApprovalRequest("mei", null), "mei")))
        .contains(FailureTypes.SELF_APPROVAL);
  }

  @Test
  void aNamelessDecisionIsRefused() {
    assertThat(type(UpdateChecks.approval(awaiting(), new ApprovalRequest(null, "ok"), "mei")))
        .contains(FailureTypes.INVALID_APPROVAL);
    assertThat(type(UpdateChecks.approval(awaiting(), null, "mei")))
        .contains(FailureTypes.INVALID_APPROVAL);
  }

  @Test
  void aSecondAnswerIsRefusedBeforeTheCampaignMovesOn() {
    CampaignState s = awaiting();
    s.approval.decision = ApprovalDecision.APPROVED;
    s.approval.decidedBy = "ann";
    assertThat(UpdateChecks.approval(s, new ApprovalRequest("bo", null), "mei"))
        .get()
        .satisfies(
            r -> {
              assertThat(r.type()).isEqualTo(FailureTypes.NOT_AWAITING_APPROVAL);
              assertThat(r.message()).contains("APPROVED by ann");
            });
  }

  @ParameterizedTest
  @EnumSource(
      value = CampaignPhase.class,
      names = "AWAITING_APPROVAL",
      mode = EnumSource.Mode.EXCLUDE)
  void noOtherPhaseTakesAnApproval(CampaignPhase phase) {
    CampaignState s = awaiting();
    s.phase = phase;
    assertThat(type(UpdateChecks.approval(s, new ApprovalRequest("ann", null), "mei")))
        .contains(FailureTypes.NOT_AWAITING_APPROVAL);
  }

  @Test
  void expiredAndRejectedAreTerminalAndAwaitingApprovalIsNot() {
    assertThat(CampaignPhase.REJECTED.isTerminal()).isTrue();
    assertThat(CampaignPhase.EXPIRED.isTerminal()).isTrue();
    assertThat(CampaignPhase.AWAITING_APPROVAL.isTerminal()).isFalse();
  }

  private static Optional<String> type(Optional<UpdateChecks.Refusal> r) {
    return r.map(UpdateChecks.Refusal::type);
  }
}
