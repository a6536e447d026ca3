package com.campaigns.starter.console;

import com.campaigns.starter.campaign.ReportView;
import com.campaigns.workflows.model.StatusDocument;
import java.util.List;

/**
 * Everything the campaign page shows, decided in Java so the template only lays it out.
 *
 * @param status null when the workflow did not answer its status query (see {@code notice})
 * @param report null until the flow files are reconciled
 * @param flowsNotice what the page says of WeChat Pay's flow files (expected, waiting since…, next
 *     try at…, unavailable); null when there is nothing to say
 * @param coupon the coupon as the spec describes it (empty when the spec cannot be read)
 */
record CampaignPage(
    String campaignId,
    String stockName,
    String createdBy,
    StatusDocument status,
    String notice,
    String runUrl,
    List<WaveRow> waves,
    List<CodeCount> rejectedByCode,
    List<StatusDocument.HistoryEntry> history,
    ReportView report,
    Actions actions,
    boolean finished,
    Message message,
    String flowsNotice,
    List<CouponLine> coupon) {

  /** One line of what the coupon is: its value, look and use rules, as the spec set them. */
  record CouponLine(String label, String value) {}

  /** A wave and how far it got, in percent of its recipients answered by WeChat Pay. */
  record WaveRow(
      String name,
      String status,
      String startAt,
      long recipients,
      long issued,
      long rejected,
      long failed,
      int percentDone) {}

  record CodeCount(String code, long count) {}

  /** Which buttons make sense now; the workflow still decides (and says why not). */
  record Actions(boolean pause, boolean resume, boolean cancel, boolean decide) {}

  /** The outcome of the last action, shown once. */
  record Message(String text, boolean error) {}

  CampaignPage withMessage(Message m) {
    return new CampaignPage(
        campaignId,
        stockName,
        createdBy,
        status,
        notice,
        runUrl,
        waves,
        rejectedByCode,
        history,
        report,
        actions,
        finished,
        m,
        flowsNotice,
        coupon);
  }
}
