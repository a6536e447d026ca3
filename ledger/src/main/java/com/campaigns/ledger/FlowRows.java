package com.campaigns.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stored flow files: a download replaces the previous rows of the same campaign and kind. */
public class FlowRows {

  public static final String USE = "USE";
  public static final String REFUND = "REFUND";

  private final LedgerDatabase db;

  FlowRows(LedgerDatabase db) {
    this.db = db;
  }

  public void replace(
      String campaignId, String kind, String stockId, String sha1, List<FlowRow> rows) {
    db.tx()
        .executeWithoutResult(
            status -> {
              db.jdbc()
                  .sql("DELETE FROM flow_row WHERE campaign_id = ? AND kind = ?")
                  .params(campaignId, kind)
                  .update();
              db.jdbc()
                  .sql("DELETE FROM flow_file WHERE campaign_id = ? AND kind = ?")
                  .params(campaignId, kind)
                  .update();
              List<Object[]> args = new ArrayList<>(rows.size());
              for (FlowRow r : rows) {
                args.add(
                    new Object[] {
                      campaignId,
                      kind,
                      r.lineNo(),
                      r.stockId(),
                      r.couponId(),
                      r.couponAmount(),
                      r.orderAmount(),
                      r.refundAmount(),
                      r.transactionId(),
                      r.refundNo(),
                      r.eventTime(),
                      r.mchid(),
                      r.raw()
                    });
              }
              db.batches()
                  .batchUpdate(
                      "INSERT INTO flow_row (campaign_id, kind, line_no, stock_id, coupon_id, coupon_amount,"
                          + " order_amount, refund_amount, transaction_id, refund_no, event_time, mchid, raw)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      args);
              db.jdbc()
                  .sql(
                      "INSERT INTO flow_file (campaign_id, kind, stock_id, sha1, row_count, downloaded_at)"
                          + " VALUES (?, ?, ?, ?, ?, ?)")
                  .params(
                      campaignId,
                      kind,
                      stockId,
                      sha1,
                      rows.size(),
                      OffsetDateTime.now(ZoneOffset.UTC))
                  .update();
            });
  }

  public List<FlowRow> rows(String campaignId, String kind) {
    return db.jdbc()
        .sql(
            "SELECT line_no, stock_id, coupon_id, coupon_amount, order_amount, refund_amount, transaction_id,"
                + " refund_no, event_time, mchid, raw FROM flow_row WHERE campaign_id = ? AND kind = ? ORDER BY line_no")
        .params(campaignId, kind)
        .query(RecordRowMapper.of(FlowRow.class))
        .list();
  }

  /**
   * The rows of a flow file WeChat Pay actually served for the campaign (its SHA-1 checked); empty
   * when none was stored, or when only a "no rows" answer was.
   */
  public Optional<Long> servedRows(String campaignId, String kind) {
    return db.jdbc()
        .sql(
            "SELECT row_count FROM flow_file WHERE campaign_id = ? AND kind = ? AND sha1 IS NOT NULL")
        .params(campaignId, kind)
        .query(Long.class)
        .optional();
  }

  public boolean downloaded(String campaignId, String kind) {
    return db.jdbc()
            .sql("SELECT COUNT(*) FROM flow_file WHERE campaign_id = ? AND kind = ?")
            .params(campaignId, kind)
            .query(Long.class)
            .single()
        > 0;
  }
}
