package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wechat.pay.java.service.cashcoupons.model.BackgroundColor;
import com.wechat.pay.java.service.cashcoupons.model.CreateCouponStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.FavorAvailableTime;
import com.wechat.pay.java.service.cashcoupons.model.FixedAvailableTime;
import com.wechat.pay.java.service.cashcoupons.model.ListAvailableSingleitemsRequest;
import com.wechat.pay.java.service.cashcoupons.model.PatternInfo;
import com.wechat.pay.java.service.cashcoupons.model.TradeType;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stock with every field a marketer sets on a real one (the coupon's look and its use rules),
 * through the SDK; the redemption (a payment) uses a coupon only when it meets the use rules.
 */
class WholeCouponTest {

  private static SandboxFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static final Consumer<CreateCouponStockRequest> WHOLE =
      r -> {
        PatternInfo pattern = new PatternInfo();
        pattern.setDescription("满额可用，每人限领一张");
        pattern.setMerchantLogo("https://wxpaylogo.qpic.cn/wxpaylogo/PiajxSqBRaEIPAeia7Imvtsg/0");
        pattern.setMerchantName("春季商城");
        pattern.setBackgroundColor(BackgroundColor.COLOR020);
        pattern.setCouponImage("https://wxpaylogo.qpic.cn/wxpaylogo/Q3FvbHRpbWFnZQ/0");
        r.setPatternInfo(pattern);
        r.getCouponUseRule().setGoodsTag(List.of("spring_sale"));
        r.getCouponUseRule().setTradeType(List.of(TradeType.MICROAPP, TradeType.APPPAY));
        r.getCouponUseRule().setCombineUse(false);
        r.getCouponUseRule().setAvailableItems(List.of("sku-1001", "sku-1002"));
        FixedAvailableTime week = new FixedAvailableTime();
        week.setAvailableWeekDay(List.of(0, 1, 2, 3, 4, 5, 6));
        week.setBeginTime(0);
        week.setEndTime(86_400);
        FavorAvailableTime time = new FavorAvailableTime();
        time.setFixAvailableTime(week);
        r.getCouponUseRule().setCouponAvailableTime(time);
      };

  private static JsonNode redeem(String stockId, Map<String, Object> payment) {
    return fixture.admin("POST", "/sandbox/stocks/" + stockId + "/redeem", payment);
  }

  private static String refusal(String stockId, Map<String, Object> payment) throws Exception {
    try (Response r =
        fixture.adminCall("POST", "/sandbox/stocks/" + stockId + "/redeem", payment)) {
      assertThat(r.code()).isEqualTo(400);
      return fixture.json.readTree(r.body().string()).get("message").asText();
    }
  }

  @Test
  void aStockWithEveryFieldIsCreatedAndItsItemsAreListed() {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, WHOLE);
    ListAvailableSingleitemsRequest items = new ListAvailableSingleitemsRequest();
    items.setStockId(stockId);
    items.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    items.setOffset(0);
    items.setLimit(10);
    assertThat(fixture.coupons(PUBLIC_KEY_MCHID).listAvailableSingleitems(items).getData())
        .containsExactly("sku-1001", "sku-1002");
  }

  @Test
  void aPaymentUsesTheCouponOnlyWhenItMeetsTheUseRules() throws Exception {
    String stockId = fixture.runningStock(PUBLIC_KEY_MCHID, WHOLE);
    for (int i = 0; i < 2; i++) {
      fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    }
    // The fixture's stock: 500 off an order of at least 1000 fen.
    assertThat(refusal(stockId, Map.of("count", 1, "transaction_amount", 999)))
        .contains("transaction_minimum 1000");
    assertThat(refusal(stockId, Map.of("count", 1, "trade_type", "FACE"))).contains("trade_type");
    assertThat(refusal(stockId, Map.of("count", 1, "goods_tag", "winter_sale")))
        .contains("goods_tag");
    assertThat(fixture.admin("GET", "/sandbox/stocks/" + stockId + "/coupons", null).get("data"))
        .allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("SENDED"));

    assertThat(
            redeem(
                    stockId,
                    Map.of(
                        "count",
                        1,
                        "transaction_amount",
                        1000,
                        "trade_type",
                        "APPPAY",
                        "goods_tag",
                        "spring_sale"))
                .get("count")
                .asInt())
        .isEqualTo(1);
    // Unnamed trade type and goods tag: the payment has the stock's own.
    assertThat(redeem(stockId, Map.of("count", 1)).get("count").asInt()).isEqualTo(1);
  }

  @Test
  void thePatternIsCheckedAsWeChatPayDocumentsIt() throws Exception {
    ObjectNode body =
        (ObjectNode)
            fixture.json.readTree(
                com.wechat.pay.java.core.util.GsonUtil.getGson()
                    .toJson(fixture.stockRequest(PUBLIC_KEY_MCHID)));
    body.putObject("pattern_info").put("description", "ok").put("background_color", "#FF0000");
    assertThat(create(body).at("/detail/field").asText())
        .isEqualTo("pattern_info.background_color");

    body.putObject("pattern_info").put("merchant_name", "no description");
    assertThat(create(body).at("/detail/field").asText()).isEqualTo("pattern_info.description");

    body.putObject("pattern_info").put("description", "ok").put("merchant_logo", "http://x/y.png");
    assertThat(create(body).at("/detail/field").asText()).isEqualTo("pattern_info.merchant_logo");

    body.remove("pattern_info");
    body.with("coupon_use_rule").putArray("trade_type").add("JSAPI");
    assertThat(create(body).at("/detail/field").asText()).isEqualTo("coupon_use_rule.trade_type");
  }

  private static JsonNode create(ObjectNode body) throws Exception {
    body.put("out_request_no", SandboxFixture.unique("stock"));
    RawClient.Result result =
        fixture
            .raw(PUBLIC_KEY_MCHID)
            .call("POST", "/v3/marketing/favor/coupon-stocks", body.toString())
            .execute();
    assertThat(result.status()).as(result.body()).isEqualTo(400);
    JsonNode answer = fixture.json.readTree(result.body());
    assertThat(answer.get("code").asText()).isEqualTo("PARAM_ERROR");
    return answer;
  }
}
