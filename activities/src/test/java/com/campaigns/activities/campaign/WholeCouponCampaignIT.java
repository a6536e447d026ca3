package com.campaigns.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.CampaignHarness;
import com.campaigns.activities.ExactlyOnce;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignPhase;
import com.campaigns.workflows.model.CampaignSettings;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.StatusDocument;
import com.wechat.pay.java.service.cashcoupons.model.ListAvailableSingleitemsRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stock with every field a marketer sets on a real one runs to COMPLETED, and the fields reach
 * WeChat Pay: its items are listed, and a payment uses a coupon only under the stock's use rules.
 */
class WholeCouponCampaignIT {

  static final String MCHID = "1900000001";

  CampaignHarness h;

  @BeforeEach
  void start() {
    h = new CampaignHarness();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  int redeemStatus(String stockId, String payment) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(h.sandbox.baseUrl() + "/sandbox/stocks/" + stockId + "/redeem"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payment))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void aStockWithEveryFieldRunsToCompletedAndWeChatPayAppliesItsRules() throws Exception {
    Instant begin = Instant.ofEpochMilli(h.env.currentTimeMillis()).plus(Duration.ofHours(1));
    List<String> openids = CampaignSpecs.openids("whole-", 100);
    CampaignSpec spec =
        new CampaignSpec(
            "whole",
            MCHID,
            "wx0000000000000001",
            CampaignSpecs.wholeStock(begin, begin.plus(Duration.ofDays(3)), 100, 100),
            List.of(CampaignSpecs.wave("all", begin, new AudienceSpec(openids, null), null)),
            new BudgetGuardSpec(List.of()),
            new FlowSpec(false, null));
    h.start(
        spec,
        new CampaignSettings(
            50,
            2,
            Duration.ofMinutes(1),
            Duration.ofMinutes(30),
            3_000,
            Duration.ofMinutes(30),
            null));
    StatusDocument done =
        h.client()
            .newUntypedWorkflowStub(TemporalNames.workflowId("whole"))
            .getResult(StatusDocument.class);
    assertThat(done.status()).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(done.issued().count()).isEqualTo(100);
    ExactlyOnce.assertHolds(h, "whole", done.stockId(), Map.of(0, openids));

    var coupons = h.merchants.find(MCHID).orElseThrow().coupons();
    QueryStockRequest query = new QueryStockRequest();
    query.setStockId(done.stockId());
    query.setStockCreatorMchid(MCHID);
    assertThat(coupons.queryStock(query).getSingleitem()).isTrue();
    ListAvailableSingleitemsRequest items = new ListAvailableSingleitemsRequest();
    items.setStockId(done.stockId());
    items.setStockCreatorMchid(MCHID);
    items.setOffset(0);
    items.setLimit(10);
    assertThat(coupons.listAvailableSingleitems(items).getData())
        .containsExactly("sku-1001", "sku-1002");

    // Payments: the use rules travelled with the stock (200 off an order of at least 200 fen).
    String stockId = done.stockId();
    assertThat(redeemStatus(stockId, "{\"count\": 1, \"transaction_amount\": 199}")).isEqualTo(400);
    assertThat(redeemStatus(stockId, "{\"count\": 1, \"trade_type\": \"FACE\"}")).isEqualTo(400);
    assertThat(redeemStatus(stockId, "{\"count\": 1, \"goods_tag\": \"other\"}")).isEqualTo(400);
    assertThat(
            redeemStatus(
                stockId,
                "{\"count\": 1, \"transaction_amount\": 200, \"trade_type\": \"MICROAPP\","
                    + " \"goods_tag\": \"spring_sale\"}"))
        .isEqualTo(200);
  }
}
