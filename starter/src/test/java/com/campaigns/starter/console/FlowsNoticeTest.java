package com.campaigns.starter.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.model.FlowsState;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StatusDocument.Flows;
import org.junit.jupiter.api.Test;

/** What the campaign page says of WeChat Pay's flow files, from the status document's flows. */
class FlowsNoticeTest {

  static StatusDocument with(Flows flows) {
    return new StatusDocument(
        "c",
        "campaign-c",
        "1",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        flows,
        java.util.List.of(),
        null);
  }

  @Test
  void aWaitingCampaignSaysSinceWhenAndWhenItTriesAgain() {
    String notice =
        ConsolePages.flowsNotice(
            with(
                new Flows(
                    FlowsState.WAITING,
                    "2026-12-04T10:00:00+08:00",
                    "2026-12-07T10:00:00+08:00",
                    "2026-12-04T10:00:00+08:00",
                    "2026-12-04T10:15:00+08:00",
                    2,
                    "use flow of stock 9 is not published yet: 400 INVALID_REQUEST 尚未生成",
                    null)));
    assertThat(notice)
        .isEqualTo(
            "Waiting for WeChat Pay's flow files since 2026-12-04 10:00 +08:00, next try at"
                + " 2026-12-04 10:15 +08:00 (2 not-ready answers; the campaign gives up at"
                + " 2026-12-07 10:00 +08:00). Last answer: use flow of stock 9 is not published"
                + " yet: 400 INVALID_REQUEST 尚未生成");
  }

  @Test
  void beforeThePublicationItSaysWhenTheFilesAreExpected() {
    assertThat(
            ConsolePages.flowsNotice(
                with(
                    new Flows(
                        FlowsState.EXPECTED,
                        "2026-12-04T10:00:00+08:00",
                        "2026-12-07T10:00:00+08:00",
                        null,
                        null,
                        0,
                        null,
                        null))))
        .isEqualTo(
            "WeChat Pay publishes the flow files at 2026-12-04 10:00 +08:00; the campaign waits"
                + " for them until 2026-12-07 10:00 +08:00.");
  }

  @Test
  void unavailableFilesAreSaidWithTheReasonAndDownloadedOnesNotAtAll() {
    Flows unavailable =
        new Flows(
            FlowsState.UNAVAILABLE,
            "2026-12-04T10:00:00+08:00",
            "2026-12-07T10:00:00+08:00",
            "2026-12-04T10:00:00+08:00",
            null,
            76,
            "400 INVALID_REQUEST",
            "WeChat Pay's refund flow of stock 9 did not appear by the deadline");
    assertThat(ConsolePages.flowsNotice(with(unavailable)))
        .startsWith("Flows unavailable: WeChat Pay's refund flow of stock 9 did not appear")
        .endsWith("The report is not reconciled against WeChat Pay.");
    Flows downloaded =
        new Flows(
            FlowsState.DOWNLOADED,
            "2026-12-04T10:00:00+08:00",
            "2026-12-07T10:00:00+08:00",
            null,
            null,
            0,
            null,
            null);
    assertThat(ConsolePages.flowsNotice(with(downloaded))).isNull();
    assertThat(ConsolePages.flowsNotice(with(null))).isNull();
    assertThat(ConsolePages.flowsNotice(null)).isNull();
  }
}
