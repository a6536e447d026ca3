package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.model.ReconciliationReport;
import com.campaigns.workflows.model.ReconciliationReport.Mismatch;
import com.campaigns.workflows.model.ReconciliationReport.Totals;
import com.campaigns.workflows.model.ReconciliationReport.WaveTotals;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The CSV export: one table of totals, waves and mismatches that any CSV reader can load. */
class ReportCsvTest {

  @Test
  void totalsWavesAndMismatchesAreRowsOfOneTable() throws Exception {
    Totals t = new Totals(3, 1500, 2, 1000, 2, 1000, 1, 500);
    ReconciliationReport report =
        new ReconciliationReport(
            "c1",
            "98",
            false,
            t,
            List.of(new WaveTotals(0, "vip", t)),
            List.of(
                new Mismatch(
                    ReconciliationReport.USED_NOT_NOTIFIED,
                    "cp1",
                    "used at 10:00, no notice, \"late\"")));

    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(ReportCsv.write(report)))
            .getRecords();

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).get("record")).isEqualTo("total");
    assertThat(rows.get(0).get("balanced")).isEqualTo("false");
    assertThat(rows.get(0).get("issued_amount")).isEqualTo("1500");
    assertThat(rows.get(1).get("wave")).isEqualTo("vip");
    assertThat(rows.get(1).get("refund_flow_count")).isEqualTo("1");
    assertThat(rows.get(2).get("mismatch_kind")).isEqualTo("USED_NOT_NOTIFIED");
    assertThat(rows.get(2).get("detail")).isEqualTo("used at 10:00, no notice, \"late\"");
    assertThat(rows.get(0).get("flows_unavailable")).isEqualTo("false");
    assertThat(rows.get(2).get("flows_unavailable")).isEmpty();
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsNeutralised() throws Exception {
    Totals t = new Totals(1, 500, 0, 0, 0, 0, 0, 0);
    ReconciliationReport report =
        new ReconciliationReport(
            "c1",
            "98",
            false,
            t,
            List.of(new WaveTotals(0, "-vip", t)),
            List.of(
                new Mismatch(ReconciliationReport.USED_NOT_NOTIFIED, "@cp1", "=HYPERLINK(\"x\")"),
                new Mismatch(ReconciliationReport.USED_NOT_NOTIFIED, "cp2", "+1"),
                new Mismatch(ReconciliationReport.USED_NOT_NOTIFIED, "cp3", "\tcmd"),
                new Mismatch(ReconciliationReport.USED_NOT_NOTIFIED, "cp4", "plain -1")));

    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(ReportCsv.write(report)))
            .getRecords();

    assertThat(rows.get(1).get("wave")).isEqualTo("'-vip");
    assertThat(rows.get(2).get("coupon_id")).isEqualTo("'@cp1");
    assertThat(rows.get(2).get("detail")).isEqualTo("'=HYPERLINK(\"x\")");
    assertThat(rows.get(3).get("detail")).isEqualTo("'+1");
    assertThat(rows.get(4).get("detail")).isEqualTo("'\tcmd");
    assertThat(rows.get(5).get("detail")).isEqualTo("plain -1");
    // Numbers are not text: a count or amount is never prefixed.
    assertThat(rows.get(0).get("issued_amount")).isEqualTo("500");
  }

  @Test
  void aReportWithoutFlowFilesSaysSoOnItsTotalRowAndInItsView() throws Exception {
    Totals t = new Totals(3, 1500, 2, 1000, 0, 0, 0, 0);
    String reason = "WeChat Pay's use and refund flows of stock 98 did not appear by the deadline";
    ReconciliationReport report =
        new ReconciliationReport(
            "c1", "98", false, t, List.of(new WaveTotals(0, "vip", t)), List.of(), true, reason);

    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(ReportCsv.write(report)))
            .getRecords();
    assertThat(rows.get(0).get("record")).isEqualTo("total");
    assertThat(rows.get(0).get("balanced")).isEqualTo("false");
    assertThat(rows.get(0).get("flows_unavailable")).isEqualTo("true");
    assertThat(rows.get(0).get("detail")).isEqualTo(reason);
    assertThat(rows.get(1).get("flows_unavailable")).isEmpty();

    String json =
        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ReportView.of(report));
    assertThat(json)
        .contains("\"flows_unavailable\":true", "\"flows_unavailable_reason\":\"" + reason);
    String balanced =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(
                ReportView.of(new ReconciliationReport("c1", "98", true, t, List.of(), List.of())));
    assertThat(balanced)
        .contains("\"flows_unavailable\":false")
        .doesNotContain("flows_unavailable_reason");
  }
}
