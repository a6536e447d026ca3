package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.rules.Reconciler.FlowRow;
import com.campaigns.workflows.rules.Reconciler.Issued;
import com.campaigns.workflows.rules.Reconciler.Notified;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

  static final List<Issued> ISSUED =
      List.of(new Issued("C1", 0, 500), new Issued("C2", 0, 500), new Issued("C3", 1, 500));

  @Test
  void balancesWhenLedgerNotificationsAndFlowsAgree() {
    var report =
        Reconciler.reconcile(
            "c",
            "S",
            List.of("vip", "all"),
            ISSUED,
            List.of(new Notified("C1", 500), new Notified("C3", 500)),
            List.of(new FlowRow("C1", 500), new FlowRow("C3", 500)),
            List.of(new FlowRow("C3", 500)));
    assertThat(report.balanced()).isTrue();
    assertThat(report.totals().issuedAmount()).isEqualTo(1500);
    assertThat(report.totals().useFlowCount()).isEqualTo(2);
    assertThat(report.totals().refundFlowAmount()).isEqualTo(500);
    assertThat(report.waves()).hasSize(2);
    assertThat(report.waves().get(0).wave()).isEqualTo("vip");
    assertThat(report.waves().get(0).totals().issuedCount()).isEqualTo(2);
    assertThat(report.waves().get(1).totals().refundFlowCount()).isEqualTo(1);
    assertThat(Reconciler.summary(report)).contains("balanced");
  }

  @Test
  void flagsANotificationAmountThatDiffersAndACouponListedTwice() {
    var report =
        Reconciler.reconcile(
            "c",
            "S",
            List.of("vip"),
            ISSUED,
            List.of(new Notified("C1", 400)),
            List.of(new FlowRow("C1", 500), new FlowRow("C1", 500)),
            List.of());
    assertThat(report.mismatches())
        .extracting(ReconciliationReport.Mismatch::kind)
        .contains(ReconciliationReport.AMOUNT_MISMATCH, ReconciliationReport.DUPLICATE_IN_FLOW);
  }

  @Test
  void listsEveryKindOfMismatch() {
    var report =
        Reconciler.reconcile(
            "c",
            "S",
            List.of("vip"),
            ISSUED,
            List.of(new Notified("C2", 500)),
            List.of(new FlowRow("C1", 500), new FlowRow("C3", 400), new FlowRow("X9", 500)),
            List.of(new FlowRow("C2", 500), new FlowRow("Z1", 500)));
    assertThat(report.balanced()).isFalse();
    assertThat(report.mismatches())
        .extracting(ReconciliationReport.Mismatch::kind)
        .containsExactlyInAnyOrder(
            ReconciliationReport.USED_NOT_NOTIFIED, // C1
            ReconciliationReport.AMOUNT_MISMATCH, // C3
            ReconciliationReport.USED_NOT_NOTIFIED, // C3
            ReconciliationReport.NOT_ISSUED_BY_CAMPAIGN, // X9
            ReconciliationReport.NOTIFIED_NOT_IN_FLOW, // C2
            ReconciliationReport.REFUND_OF_UNKNOWN_COUPON, // C2 refunded but never used
            ReconciliationReport.REFUND_OF_UNKNOWN_COUPON); // Z1 never issued
  }

  @Test
  void withoutAnyFlowFileNothingIsComparedAndTheReportIsMarkedUnavailable() {
    var report =
        Reconciler.reconcile(
            "c",
            "S",
            List.of("vip", "all"),
            ISSUED,
            List.of(new Notified("C1", 500), new Notified("C3", 500)),
            null,
            null,
            "WeChat Pay's use and refund flows of stock S did not appear by the deadline");
    assertThat(report.flowsUnavailable()).isTrue();
    assertThat(report.flowsUnavailableReason()).contains("did not appear by the deadline");
    assertThat(report.balanced()).isFalse();
    assertThat(report.mismatches()).isEmpty();
    assertThat(report.totals().notifiedCount()).isEqualTo(2);
    assertThat(report.totals().useFlowCount()).isZero();
    assertThat(Reconciler.summary(report)).contains("flows unavailable").doesNotContain("balanced");
  }

  @Test
  void withTheUseFlowOnlyTheUseFlowIsComparedAndRefundsAreNotJudged() {
    var report =
        Reconciler.reconcile(
            "c",
            "S",
            List.of("vip", "all"),
            ISSUED,
            List.of(new Notified("C1", 500), new Notified("C3", 500)),
            List.of(new FlowRow("C1", 500)),
            null,
            null);
    assertThat(report.flowsUnavailable()).isTrue();
    assertThat(report.flowsUnavailableReason()).isEqualTo("the refund flow was not published");
    assertThat(report.balanced()).isFalse();
    assertThat(report.mismatches())
        .extracting(ReconciliationReport.Mismatch::kind, ReconciliationReport.Mismatch::couponId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ReconciliationReport.NOTIFIED_NOT_IN_FLOW, "C3"));
  }

  @Test
  void bothFilesThereIsNeverUnavailable() {
    var report =
        Reconciler.reconcile(
            "c", "S", List.of("vip"), ISSUED, List.of(), List.of(), List.of(), null);
    assertThat(report.flowsUnavailable()).isFalse();
    assertThat(report.flowsUnavailableReason()).isNull();
    assertThat(report.balanced()).isTrue();
  }
}
