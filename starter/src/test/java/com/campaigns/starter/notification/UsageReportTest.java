package com.campaigns.starter.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.LedgerConfiguration.Ledger;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.wechatpay.WechatPayClientFactory;
import com.campaigns.wechatpay.WechatPayProperties;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.StatusRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * When campaigns are told their COUPON.USE totals: on every delivery, a repeated one included, and
 * for every campaign not closed once the API has started. Either report may be the only one left
 * after the API was killed between recording a use and reporting it.
 */
class UsageReportTest {

  static final FakeWechatPay WECHAT = new FakeWechatPay("1900000098");

  final Ledger ledger = ledger();
  final List<String> reported = new CopyOnWriteArrayList<>();
  final UsageSignals signals = new UsageSignals(reported::add, Duration.ofMillis(20));

  @AfterEach
  void close() {
    signals.close();
  }

  static Ledger ledger() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:usage-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).load().migrate();
    return Ledger.over(ds);
  }

  void campaign(String campaignId, String stockId, CampaignPhase phase) {
    CampaignIndex index = ledger.campaigns();
    index.insert(campaignId, "campaign-" + campaignId, WECHAT.mchid, null, "h", "{}", 100_000, "t");
    index.update(
        new StatusRecord(campaignId, WECHAT.mchid, stockId, phase, 0, 0, 0, 100_000, null));
  }

  CouponUseReceiver receiver() {
    WechatMerchants merchants =
        new WechatMerchants(
            new WechatPayClientFactory(
                new WechatPayProperties(
                    "http://127.0.0.1:9",
                    null,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    500,
                    List.of())),
            List.of());
    merchants.register(WECHAT.credentials());
    return new CouponUseReceiver(
        merchants,
        ledger.uses(),
        ledger.campaigns(),
        signals,
        new NotificationProperties(
            DataSize.ofKilobytes(64), Duration.ofMinutes(5), Duration.ofMillis(20)));
  }

  static CouponUseReceiver.Outcome deliver(CouponUseReceiver receiver, String body) {
    Map<String, String> h = WECHAT.headers(body);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return receiver.receive(
        "application/json",
        bytes.length,
        new ByteArrayInputStream(bytes),
        new NotificationHeaders(
            h.get(NotificationHeaders.SERIAL),
            h.get(NotificationHeaders.NONCE),
            h.get(NotificationHeaders.TIMESTAMP),
            h.get(NotificationHeaders.SIGNATURE),
            h.get(NotificationHeaders.SIGNATURE_TYPE)));
  }

  @Test
  void aRepeatedDeliveryIsRecordedOnceAndReportedAgain() {
    campaign("dup", "98000001", CampaignPhase.RUNNING);
    CouponUseReceiver receiver = receiver();
    String body = WECHAT.couponUse("EV-dup-1", "98000001", "c98000001-1", 500);

    assertThat(deliver(receiver, body)).isEqualTo(CouponUseReceiver.Outcome.RECORDED);
    await().atMost(Duration.ofSeconds(5)).until(() -> reported.size() == 1);
    assertThat(deliver(receiver, body)).isEqualTo(CouponUseReceiver.Outcome.DUPLICATE);

    await().atMost(Duration.ofSeconds(5)).until(() -> reported.size() == 2);
    assertThat(reported).containsExactly("dup", "dup");
    assertThat(ledger.uses().totals("dup").count()).isEqualTo(1);
  }

  @Test
  void onceStartedTheApiReportsToEveryCampaignNotClosed() {
    campaign("running", "98000002", CampaignPhase.RUNNING);
    campaign("paused", "98000003", CampaignPhase.PAUSED);
    campaign("completed", "98000004", CampaignPhase.COMPLETED);

    new NotificationConfiguration()
        .usageResync(ledger.campaigns(), signals)
        .onApplicationEvent(null);

    // Held for a while: a report to the completed campaign would come right after the others.
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> reported.size() == 2);
    assertThat(reported).containsExactlyInAnyOrder("running", "paused");
  }
}
