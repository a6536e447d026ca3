package com.campaigns.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class CampaignGaugesTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private JdbcClient jdbc;
  private CampaignGauges gauges;

  @BeforeEach
  void ledger() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:gauges-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).load().migrate();
    jdbc = JdbcClient.create(ds);
    gauges = new CampaignGauges(new LiveCampaigns(jdbc), registry);
  }

  @Test
  void exportsIssuedCountBudgetPercentAndRateOfLiveCampaigns() throws InterruptedException {
    campaign("spring", "RUNNING", 100_000, 20_000);
    issue("spring", 0, 100, 500);
    campaign("old", "COMPLETED", 100_000, 0);
    issue("old", 0, 10, 500);

    gauges.refresh();

    assertThat(gauge("campaigns_campaign_issued_coupons", "spring")).isEqualTo(100);
    assertThat(gauge("campaigns_campaign_budget_issued_percent", "spring")).isEqualTo(50.0);
    assertThat(gauge("campaigns_campaign_budget_used_percent", "spring")).isEqualTo(20.0);
    assertThat(gauge("campaigns_campaign_issue_rate", "spring"))
        .as("no rate before a second reading")
        .isZero();
    assertThat(registry.find("campaigns_campaign_issued_coupons").tag("campaign_id", "old").gauge())
        .as("finished campaigns are not exported")
        .isNull();

    Thread.sleep(200);
    issue("spring", 100, 60, 500);
    gauges.refresh();

    assertThat(gauge("campaigns_campaign_issued_coupons", "spring")).isEqualTo(160);
    assertThat(gauge("campaigns_campaign_issue_rate", "spring"))
        .isPositive()
        .isLessThanOrEqualTo(300);
  }

  @Test
  void removesTheSeriesOfACampaignThatIsNoLongerLive() {
    campaign("spring", "PAUSED", 100_000, 0);
    gauges.refresh();
    assertThat(
            registry.find("campaigns_campaign_issued_coupons").tag("campaign_id", "spring").gauge())
        .isNotNull();

    jdbc.sql("UPDATE campaign SET status = 'ENDED' WHERE campaign_id = 'spring'").update();
    gauges.refresh();

    assertThat(
            registry.find("campaigns_campaign_issued_coupons").tag("campaign_id", "spring").gauge())
        .isNull();
  }

  private double gauge(String name, String campaignId) {
    Gauge g = registry.find(name).tag("campaign_id", campaignId).tag("mchid", "1900000001").gauge();
    assertThat(g).as(name + " of " + campaignId).isNotNull();
    return g.value();
  }

  private void campaign(String id, String status, long maxAmount, long usedAmount) {
    OffsetDateTime now = OffsetDateTime.now();
    jdbc.sql(
            "INSERT INTO campaign (campaign_id, workflow_id, mchid, spec_hash, spec_json, status, max_amount,"
                + " used_amount, created_at, updated_at) VALUES (?, ?, '1900000001', '', '{}', ?, ?, ?, ?, ?)")
        .params(id, "campaign-" + id, status, maxAmount, usedAmount, now, now)
        .update();
  }

  private void issue(String campaignId, long fromSeq, int count, long amount) {
    OffsetDateTime now = OffsetDateTime.now();
    for (long seq = fromSeq; seq < fromSeq + count; seq++) {
      jdbc.sql(
              "INSERT INTO issuance (campaign_id, wave_index, seq, openid, out_request_no, stock_id, status,"
                  + " coupon_id, amount, created_at, updated_at) VALUES (?, 0, ?, ?, ?, '9856000', 'ISSUED', ?, ?, ?, ?)")
          .params(
              campaignId,
              seq,
              "o" + seq,
              campaignId + "-" + seq,
              "c" + campaignId + seq,
              amount,
              now,
              now)
          .update();
    }
  }
}
