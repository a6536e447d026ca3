package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.cashcoupons.CashCouponsService;
import com.wechat.pay.java.service.cashcoupons.model.ListAvailableMerchantsRequest;
import com.wechat.pay.java.service.cashcoupons.model.ListAvailableSingleitemsRequest;
import com.wechat.pay.java.service.cashcoupons.model.ListStocksRequest;
import com.wechat.pay.java.service.cashcoupons.model.QueryStockRequest;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Query stock, list stocks, available merchants and items, through the SDK. */
class StockQueriesTest {

  private static SandboxFixture fixture;
  private static CashCouponsService api;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
    api = fixture.coupons(PUBLIC_KEY_MCHID);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void queryStockReturnsTermsAndCounters() {
    String stockId =
        fixture.runningStock(PUBLIC_KEY_MCHID, r -> r.getStockUseRule().setMaxAmountByDay(5_000L));
    fixture.send(PUBLIC_KEY_MCHID, stockId, SandboxFixture.unique("o"));
    QueryStockRequest q = new QueryStockRequest();
    q.setStockId(stockId);
    q.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    Stock stock = api.queryStock(q);
    assertThat(stock.getStockId()).isEqualTo(stockId);
    assertThat(stock.getStockName()).isEqualTo("春季满减券");
    assertThat(stock.getStatus()).isEqualTo("running");
    assertThat(stock.getDistributedCoupons()).isEqualTo(1);
    assertThat(stock.getStockUseRule().getMaxAmount()).isEqualTo(50_000L);
    assertThat(stock.getStockUseRule().getMaxAmountByDay()).isEqualTo(5_000L);
    assertThat(stock.getStockUseRule().getFixedNormalCoupon().getCouponAmount()).isEqualTo(500L);
    assertThat(stock.getStockType()).isEqualTo("NORMAL");
    assertThat(stock.getStartTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
  }

  @Test
  void listStocksPagesAndFiltersByStatus() {
    String a = fixture.createStock(PUBLIC_KEY_MCHID, r -> {});
    String b = fixture.runningStock(PUBLIC_KEY_MCHID, r -> {});
    ListStocksRequest request = new ListStocksRequest();
    request.setOffset(0);
    request.setLimit(10);
    request.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    request.setStatus("running");
    List<Stock> running = api.listStocks(request).getData();
    assertThat(running).extracting(Stock::getStockId).contains(b).doesNotContain(a);
    request.setStatus(null);
    request.setLimit(1);
    assertThat(api.listStocks(request).getData()).hasSize(1);
    assertThat(api.listStocks(request).getTotalCount()).isGreaterThanOrEqualTo(2L);
  }

  @Test
  void listStocksFiltersByCreateTime() {
    String stockId = fixture.createStock(PUBLIC_KEY_MCHID, r -> {});
    ListStocksRequest request = new ListStocksRequest();
    request.setOffset(0);
    request.setLimit(10);
    request.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    request.setCreateStartTime(SandboxFixture.rfc3339(fixture.businessNow().plusSeconds(3600)));
    assertThat(api.listStocks(request).getData()).isNullOrEmpty();
    request.setCreateStartTime(SandboxFixture.rfc3339(fixture.businessNow().minusSeconds(3600)));
    assertThat(api.listStocks(request).getData()).extracting(Stock::getStockId).contains(stockId);
  }

  @Test
  void listStocksRejectsLimitAboveTen() {
    ListStocksRequest request = new ListStocksRequest();
    request.setOffset(0);
    request.setLimit(11);
    request.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    assertThatThrownBy(() -> api.listStocks(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("PARAM_ERROR"));
  }

  @Test
  void listsAvailableMerchants() {
    String stockId =
        fixture.createStock(
            PUBLIC_KEY_MCHID,
            r ->
                r.getCouponUseRule()
                    .setAvailableMerchants(List.of(PUBLIC_KEY_MCHID, "1230000109")));
    ListAvailableMerchantsRequest request = new ListAvailableMerchantsRequest();
    request.setStockId(stockId);
    request.setOffset(0);
    request.setLimit(50);
    request.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    var merchants = api.listAvailableMerchants(request);
    assertThat(merchants.getData()).containsExactly(PUBLIC_KEY_MCHID, "1230000109");
    assertThat(merchants.getTotalCount()).isEqualTo(2);
    assertThat(merchants.getStockId()).isEqualTo(stockId);
  }

  @Test
  void listsAvailableItems() {
    String stockId =
        fixture.createStock(
            PUBLIC_KEY_MCHID,
            r -> r.getCouponUseRule().setAvailableItems(List.of("sku-1", "sku-2", "sku-3")));
    ListAvailableSingleitemsRequest request = new ListAvailableSingleitemsRequest();
    request.setStockId(stockId);
    request.setOffset(1);
    request.setLimit(100);
    request.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    var items = api.listAvailableSingleitems(request);
    assertThat(items.getData()).containsExactly("sku-2", "sku-3");
    assertThat(items.getTotalCount()).isEqualTo(3);
  }

  @Test
  void availableMerchantsRejectsLimitAboveFifty() {
    String stockId = fixture.createStock(PUBLIC_KEY_MCHID, r -> {});
    ListAvailableMerchantsRequest request = new ListAvailableMerchantsRequest();
    request.setStockId(stockId);
    request.setOffset(0);
    request.setLimit(51);
    request.setStockCreatorMchid(PUBLIC_KEY_MCHID);
    assertThatThrownBy(() -> api.listAvailableMerchants(request))
        .isInstanceOfSatisfying(
            ServiceException.class, e -> assertThat(e.getErrorCode()).isEqualTo("PARAM_ERROR"));
  }
}
