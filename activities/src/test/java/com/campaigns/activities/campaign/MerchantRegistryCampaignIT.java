package com.campaigns.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaigns.activities.CampaignHarness;
import com.campaigns.activities.ExactlyOnce;
import com.campaigns.activities.issuance.IssuanceSettings;
import com.campaigns.sandbox.SandboxMerchant;
import com.campaigns.wechatpay.MerchantStatus;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignWorkflow;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.PauseReason;
import com.campaigns.workflows.model.StatusDocument;
import com.campaigns.workflows.model.StockSpec;
import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many merchants in one deployment, loaded from a watched merchants directory: each issues within
 * its own configured rate, a key rotated mid-campaign is picked up without a restart, and a
 * merchant removed mid-campaign pauses its campaign until it is back.
 */
class MerchantRegistryCampaignIT {

  static final String PUBLIC_KEY_MCHID = "1900000001";
  static final String CERT_MCHID = "1900000002";

  CampaignHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  static CampaignSettings settings() {
    return new CampaignSettings(
        250, 2, Duration.ofMinutes(1), Duration.ofMinutes(30), 3_000, Duration.ofMinutes(30), null);
  }

  CampaignSpec oneWave(String id, String mchid, String appid, List<String> openids, int rate) {
    Instant begin = Instant.ofEpochMilli(h.env.currentTimeMillis()).plus(Duration.ofHours(1));
    StockSpec stock =
        new StockSpec(
            "多商户券",
            "registry test",
            ShanghaiTime.rfc3339(begin),
            ShanghaiTime.rfc3339(begin.plus(Duration.ofDays(1))),
            100L,
            200L,
            100_000L,
            1,
            null,
            null,
            false,
            List.of(mchid),
            null,
            null,
            null,
            null);
    return new CampaignSpec(
        id,
        mchid,
        appid,
        stock,
        List.of(CampaignSpecs.wave("only", begin, new AudienceSpec(openids, null), rate)),
        new BudgetGuardSpec(List.of()),
        new FlowSpec(false, null));
  }

  StatusDocument result(String campaignId) {
    return h.client()
        .newUntypedWorkflowStub(TemporalNames.workflowId(campaignId))
        .getResult(StatusDocument.class);
  }

  long ledgerIssued(String campaignId) {
    return h.ledger.issuance().totals(campaignId, 0, 0, Long.MAX_VALUE).issued();
  }

  MerchantStatus status(String mchid) {
    return h.registry.statuses().stream()
        .filter(s -> s.mchid().equals(mchid))
        .findFirst()
        .orElseThrow();
  }

  /** Coupons per second of the sandbox's create_time, over every stock of one merchant. */
  static Rate rateOf(List<JsonNode> coupons) {
    TreeMap<String, Integer> perSecond = new TreeMap<>();
    for (JsonNode c : coupons) {
      perSecond.merge(c.path("create_time").asText(), 1, Integer::sum);
    }
    List<Integer> counts = new ArrayList<>(perSecond.values());
    // The first and last seconds are partial; the seconds between are full seconds of issuing.
    List<Integer> full = counts.size() > 2 ? counts.subList(1, counts.size() - 1) : counts;
    double average = full.stream().mapToInt(Integer::intValue).average().orElse(0);
    int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
    return new Rate(coupons.size(), counts.size(), average, max);
  }

  record Rate(int coupons, int seconds, double averagePerSecond, int maxPerSecond) {}

  @Test
  void
      twoMerchantsIssueAtTheSameTimeEachWithinItsOwnRateOneInCertificateModeBesideOneInPublicKeyMode() {
    h =
        CampaignHarness.withMerchantsDirectory(
            IssuanceSettings.defaults(), Map.of(), Map.of(PUBLIC_KEY_MCHID, 80, CERT_MCHID, 40));
    assertThat(status(PUBLIC_KEY_MCHID).mode()).isEqualTo("public-key");
    assertThat(status(CERT_MCHID).mode()).isEqualTo("platform-certificate");
    assertThat(status(PUBLIC_KEY_MCHID).rateLimitPerSecond()).isEqualTo(80);
    assertThat(status(CERT_MCHID).rateLimitPerSecond()).isEqualTo(40);

    // Merchant 1 runs two campaigns whose waves ask for 500/s each: together they must stay at
    // 80/s.
    List<String> a1 = CampaignSpecs.openids("a1-", 600);
    List<String> a2 = CampaignSpecs.openids("a2-", 600);
    List<String> b = CampaignSpecs.openids("b-", 600);
    h.start(oneWave("pk-1", PUBLIC_KEY_MCHID, "wx0000000000000001", a1, 500), settings());
    h.start(oneWave("pk-2", PUBLIC_KEY_MCHID, "wx0000000000000001", a2, 500), settings());
    h.start(oneWave("cert", CERT_MCHID, "wx0000000000000002", b, 500), settings());
    h.env.sleep(Duration.ofHours(1));
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ledgerIssued("pk-1") + ledgerIssued("pk-2") + ledgerIssued("cert") == 1800);

    StatusDocument pk1 = result("pk-1");
    StatusDocument pk2 = result("pk-2");
    StatusDocument cert = result("cert");
    assertThat(List.of(pk1.status(), pk2.status(), cert.status()))
        .containsOnly(CampaignPhase.COMPLETED);
    assertThat(ExactlyOnce.assertHolds(h, "pk-1", pk1.stockId(), Map.of(0, a1))).isEqualTo(600);
    assertThat(ExactlyOnce.assertHolds(h, "pk-2", pk2.stockId(), Map.of(0, a2))).isEqualTo(600);
    assertThat(ExactlyOnce.assertHolds(h, "cert", cert.stockId(), Map.of(0, b))).isEqualTo(600);

    List<JsonNode> merchant1 = new ArrayList<>(h.sandboxCoupons(pk1.stockId()));
    merchant1.addAll(h.sandboxCoupons(pk2.stockId()));
    Rate r1 = rateOf(merchant1);
    Rate r2 = rateOf(h.sandboxCoupons(cert.stockId()));
    System.out.printf(
        "merchant %s (public key, limit 80/s, two campaigns): %s%n", PUBLIC_KEY_MCHID, r1);
    System.out.printf("merchant %s (certificate, limit 40/s): %s%n", CERT_MCHID, r2);
    // The ceiling is a correctness property: no full second above it (a little slack for answers
    // that
    // cross a second boundary on their way back).
    assertThat(r1.averagePerSecond()).isLessThanOrEqualTo(80 * 1.05);
    assertThat(r1.maxPerSecond()).isLessThanOrEqualTo(80 + 8);
    assertThat(r2.averagePerSecond()).isLessThanOrEqualTo(40 * 1.05);
    assertThat(r2.maxPerSecond()).isLessThanOrEqualTo(40 + 4);
    // Each merchant has its own ceiling: merchant 1 went well past merchant 2's.
    assertThat(r1.averagePerSecond()).isGreaterThan(40 * 1.3);
    assertThat(r1.seconds()).isGreaterThanOrEqualTo(1200 / 80 - 1);
    assertThat(r2.seconds()).isGreaterThanOrEqualTo(600 / 40 - 1);
  }

  @Test
  void aKeyRotatedMidCampaignIsPickedUpWithoutRestartAndTheCampaignCompletesExactlyOnce() {
    h =
        CampaignHarness.withMerchantsDirectory(
            IssuanceSettings.defaults(), Map.of(), Map.of(PUBLIC_KEY_MCHID, 200));
    List<String> openids = CampaignSpecs.openids("rot-", 2000);
    CampaignWorkflow wf =
        h.start(
            oneWave("rotate", PUBLIC_KEY_MCHID, "wx0000000000000001", openids, 200), settings());
    h.env.sleep(Duration.ofHours(1));
    await().atMost(Duration.ofSeconds(60)).until(() -> ledgerIssued("rotate") >= 300);
    String oldSerial = status(PUBLIC_KEY_MCHID).merchantSerialNumber();

    // WeChat Pay accepts the old key for 4 more seconds; ops drop the new files into the directory.
    SandboxMerchant rotated = h.rotateAtSandbox(PUBLIC_KEY_MCHID, 4);
    h.writeMerchant(rotated, 200);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                rotated
                    .merchantSerialNumber()
                    .equals(status(PUBLIC_KEY_MCHID).merchantSerialNumber()));
    assertThat(rotated.merchantSerialNumber()).isNotEqualTo(oldSerial);
    assertThat(status(PUBLIC_KEY_MCHID).state()).isEqualTo(MerchantStatus.ACTIVE);

    Instant graceEnds = Instant.parse(rotated.previousKeyValidUntil());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Instant.now().isAfter(graceEnds.plusMillis(200)));
    String stockId = wf.status().stockId();
    int issuedWhenOldKeyRefused = h.sandboxCoupons(stockId).size();
    assertThat(issuedWhenOldKeyRefused)
        .as("issuing continues after the old key is refused")
        .isLessThan(2000);

    StatusDocument done = result("rotate");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .doesNotContain("PAUSED");
    assertThat(ExactlyOnce.assertHolds(h, "rotate", stockId, Map.of(0, openids))).isEqualTo(2000);
    assertThat(
            h.getJson("/sandbox/stats").path("send_coupon").path("outcomes").has("401 SIGN_ERROR"))
        .as("no send was refused")
        .isFalse();
  }

  @Test
  void aMerchantRemovedMidCampaignPausesItsCampaignWhichResumesAndCompletesOnceTheMerchantIsBack() {
    h =
        CampaignHarness.withMerchantsDirectory(
            IssuanceSettings.defaults(), Map.of(), Map.of(PUBLIC_KEY_MCHID, 500));
    List<String> openids = CampaignSpecs.openids("rm-", 1500);
    CampaignWorkflow wf =
        h.start(
            oneWave("remove", PUBLIC_KEY_MCHID, "wx0000000000000001", openids, 150), settings());
    h.env.sleep(Duration.ofHours(1));
    await().atMost(Duration.ofSeconds(60)).until(() -> ledgerIssued("remove") >= 200);

    h.deleteMerchant(PUBLIC_KEY_MCHID);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> wf.status().status() == CampaignPhase.PAUSED);
    StatusDocument paused = wf.status();
    assertThat(paused.pause().reason()).isEqualTo(PauseReason.MERCHANT_UNAVAILABLE);
    assertThat(paused.pause().detail())
        .contains("no credentials configured for merchant " + PUBLIC_KEY_MCHID)
        .contains("removed from directory");
    assertThat(h.registry.statuses())
        .extracting(MerchantStatus::mchid)
        .doesNotContain(PUBLIC_KEY_MCHID);
    // Every IssueCoupons activity has closed (history): the workers hold nothing that could still
    // send.
    assertThat(h.activities("remove", TemporalNames.ACTIVITY_ISSUE_COUPONS).open())
        .as("IssueCoupons activities still open")
        .isZero();
    String stockId = paused.stockId();
    int atPause = h.sandboxCoupons(stockId).size();
    assertThat(atPause).isLessThan(1500);
    assertThat(paused.issued().count()).isEqualTo(atPause);
    assertThat(ledgerIssued("remove")).isEqualTo(atPause);
    long sendsWhileMissing = h.sendCouponRequests();

    h.writeMerchant(h.sandbox.merchant(PUBLIC_KEY_MCHID), 500);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.merchants.find(PUBLIC_KEY_MCHID).isPresent());
    // The campaign only looks for the merchant when workflow time moves on (below), so every send
    // request so far was answered before the merchant came back: none was made while it was
    // missing.
    assertThat(h.sendCouponRequests())
        .as("send requests while the merchant was missing")
        .isEqualTo(sendsWhileMissing);
    assertThat(h.sandboxCoupons(stockId))
        .as("nothing issued while the merchant is missing")
        .hasSize(atPause);
    // The campaign asks every minute (workflow time) whether the merchant is back.
    h.env.sleep(Duration.ofMinutes(2));
    StatusDocument done = result("remove");
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.history())
        .extracting(StatusDocument.HistoryEntry::event)
        .containsSubsequence("PAUSED", "RESUMED", "WAVE_RESUMED", "WAVE_DONE", "COMPLETED");
    assertThat(ExactlyOnce.assertHolds(h, "remove", stockId, Map.of(0, openids))).isEqualTo(1500);
  }
}
