package com.campaigns.starter.campaign;

import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.model.ReconciliationReport.Totals;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The reconciliation report as one CSV table: a {@code total} row, one {@code wave} row per wave,
 * an {@code outside_campaign} row when the totals hold coupons no wave issued (so that the wave
 * rows plus that row add up to the total row), then one {@code mismatch} row per disagreement,
 * ordered by kind (its columns at the end). Amounts in fen. The last column, {@code
 * flows_unavailable}, is set on the total row: true when WeChat Pay's flow files did not appear
 * before the deadline, the reason then in that row's {@code detail}. A text cell a spreadsheet
 * would run as a formula (starting with {@code = + - @}, a tab or a carriage return: wave names,
 * coupon ids and details can carry WeChat Pay's or a marketer's text) is prefixed with {@code '}.
 */
final class ReportCsv {

  static final String[] HEADER = {
    "record",
    "campaign_id",
    "stock_id",
    "balanced",
    "wave_index",
    "wave",
    "issued_count",
    "issued_amount",
    "notified_count",
    "notified_amount",
    "use_flow_count",
    "use_flow_amount",
    "refund_flow_count",
    "refund_flow_amount",
    "mismatch_kind",
    "coupon_id",
    "detail",
    "flows_unavailable"
  };

  private ReportCsv() {}

  static String write(ReconciliationReport stored) {
    ReportView report = ReportView.of(stored);
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
      List<Object> total =
          row("total", report, report.balanced(), null, null, report.totals(), null);
      total.set(total.size() - 2, report.flowsUnavailableReason());
      total.set(total.size() - 1, report.flowsUnavailable());
      csv.printRecord(neutralised(total));
      for (ReconciliationReport.WaveTotals w : report.waves()) {
        csv.printRecord(
            neutralised(row("wave", report, null, w.waveIndex(), w.wave(), w.totals(), null)));
      }
      if (report.outsideCampaign() != null) {
        csv.printRecord(
            neutralised(
                row("outside_campaign", report, null, null, null, report.outsideCampaign(), null)));
      }
      for (ReconciliationReport.Mismatch m : report.mismatches()) {
        csv.printRecord(neutralised(row("mismatch", report, null, null, null, null, m)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Text cells that would start a formula get a leading {@code '}; numbers stay numbers. */
  static List<Object> neutralised(List<Object> row) {
    List<Object> out = new ArrayList<>(row.size());
    for (Object cell : row) {
      out.add(cell instanceof String text && formula(text) ? "'" + text : cell);
    }
    return out;
  }

  private static boolean formula(String text) {
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
  }

  private static List<Object> row(
      String record,
      ReportView report,
      Boolean balanced,
      Integer waveIndex,
      String wave,
      Totals t,
      ReconciliationReport.Mismatch m) {
    List<Object> row = new ArrayList<>();
    row.add(record);
    row.add(report.campaignId());
    row.add(report.stockId());
    row.add(balanced);
    row.add(waveIndex);
    row.add(wave);
    if (t == null) {
      for (int i = 0; i < 8; i++) {
        row.add(null);
      }
    } else {
      row.addAll(
          List.of(
              t.issuedCount(),
              t.issuedAmount(),
              t.notifiedCount(),
              t.notifiedAmount(),
              t.useFlowCount(),
              t.useFlowAmount(),
              t.refundFlowCount(),
              t.refundFlowAmount()));
    }
    row.add(m == null ? null : m.kind());
    row.add(m == null ? null : m.couponId());
    row.add(m == null ? null : m.detail());
    row.add(null);
    return row;
  }
}
