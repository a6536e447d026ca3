package com.campaigns.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * COUPON.USE notifications, each recorded once: unique by notification id and by coupon id, since a
 * coupon is used at most once and WeChat Pay re-sends notifications.
 */
public class CouponUses {

  /** One redemption. */
  public record Use(
      String notificationId,
      String couponId,
      String stockId,
      String campaignId,
      long amount,
      String consumeTime,
      String consumeMchid,
      String transactionId) {}

  /** Cumulative redemptions of a campaign. */
  public record Totals(long count, long amount) {}

  /** The columns of a {@link Use}, in its order. */
  private static final String USE_COLUMNS =
      "notification_id, coupon_id, stock_id, campaign_id, amount, consume_time, consume_mchid,"
          + " transaction_id";

  private static final RowMapper<Use> USE = RecordRowMapper.of(Use.class);

  private final JdbcClient jdbc;

  public CouponUses(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a redemption; false when it was already recorded (duplicate notification or coupon).
   */
  public boolean record(Use use, String payload) {
    return Rows.insertedOnce(
        () ->
            jdbc.sql(
                    "INSERT INTO coupon_use (notification_id, coupon_id, stock_id, campaign_id, amount, consume_time,"
                        + " consume_mchid, transaction_id, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                    use.notificationId(),
                    use.couponId(),
                    use.stockId(),
                    use.campaignId(),
                    use.amount(),
                    use.consumeTime(),
                    use.consumeMchid(),
                    use.transactionId(),
                    OffsetDateTime.now(ZoneOffset.UTC),
                    payload)
                .update());
  }

  public Totals totals(String campaignId) {
    return jdbc.sql(
            "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM coupon_use WHERE campaign_id = ?")
        .param(campaignId)
        .query(RecordRowMapper.of(Totals.class))
        .single();
  }

  /**
   * Redemptions of a campaign's stock: those recorded for the campaign and those of its stock that
   * no campaign claimed (a notification the campaign index could not map). Read rarely (when WeChat
   * Pay answers 404 for a flow file), so a scan of the stock column is acceptable.
   */
  public long countOfStock(String campaignId, String stockId) {
    return jdbc.sql("SELECT COUNT(*) FROM coupon_use WHERE campaign_id = ? OR stock_id = ?")
        .params(campaignId, stockId)
        .query(Long.class)
        .single();
  }

  /** Redemptions per minute of receipt, oldest first (the console's burn-down of used amounts). */
  public List<IssuanceLedger.MinuteTotals> usedPerMinute(String campaignId) {
    return jdbc.sql(
            "SELECT m, COUNT(*), COALESCE(SUM(amount), 0) FROM (SELECT"
                + " CAST(FLOOR(EXTRACT(EPOCH FROM received_at) / 60) AS BIGINT) AS m, amount FROM coupon_use"
                + " WHERE campaign_id = ?) t GROUP BY m ORDER BY m")
        .param(campaignId)
        .query(IssuanceLedger.MINUTE_TOTALS)
        .list();
  }

  public List<Use> forCampaign(String campaignId) {
    return jdbc.sql(
            "SELECT " + USE_COLUMNS + " FROM coupon_use WHERE campaign_id = ? ORDER BY received_at")
        .param(campaignId)
        .query(USE)
        .list();
  }

  public Optional<Use> byCoupon(String couponId) {
    return Rows.one(
        jdbc, "SELECT " + USE_COLUMNS + " FROM coupon_use WHERE coupon_id = ?", couponId, USE);
  }
}
