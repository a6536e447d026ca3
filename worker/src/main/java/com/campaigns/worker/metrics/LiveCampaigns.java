package com.campaigns.worker.metrics;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only view of the live campaigns for the gauges: the campaign index (kept current by the
 * workflow's RecordStatus) for status, budget and usage, and the issuance ledger for the issued
 * count, which the workflow only learns segment by segment. The count is an index range scan of the
 * campaign's rows (primary key prefix), done only for live campaigns.
 */
@Component
class LiveCampaigns {

  /** One live campaign. */
  record Live(
      String campaignId,
      String mchid,
      long maxAmount,
      long usedAmount,
      long issuedCount,
      long issuedAmount) {}

  private record Row(String campaignId, String mchid, long maxAmount, long usedAmount) {}

  private final JdbcClient jdbc;

  LiveCampaigns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Live> read() {
    List<Row> rows =
        jdbc.sql(
                "SELECT campaign_id, mchid, max_amount, used_amount FROM campaign"
                    + " WHERE status IN ('ACTIVATING', 'RUNNING', 'PAUSED')")
            .query(
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
            .list();
    List<Live> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      long[] issued =
          jdbc.sql(
                  "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM issuance"
                      + " WHERE campaign_id = ? AND status = 'ISSUED'")
              .param(r.campaignId())
              .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
              .single();
      out.add(
          new Live(r.campaignId(), r.mchid(), r.maxAmount(), r.usedAmount(), issued[0], issued[1]));
    }
    return out;
  }
}
