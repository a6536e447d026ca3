package com.campaigns.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.wechatpay.StockFacts.Finding;
import com.wechat.pay.java.service.cashcoupons.model.FixedValueStockMsg;
import com.wechat.pay.java.service.cashcoupons.model.Stock;
import com.wechat.pay.java.service.cashcoupons.model.StockUseRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a stock's facts say, without WeChat Pay's message. */
class StockFactsTest {

  @ParameterizedTest(name = "{0}, {1}/{2} coupons, {3}/{4} fen today -> {5}")
  @CsvSource({
    // status, distributed, max_coupons, issued today, max_amount_by_day, finding
    "running, 10, 100, 0, , ISSUABLE",
    "running, 10, 100, 400, 500, ISSUABLE",
    "running, 10, 100, 401, 500, DAILY_CAP_REACHED",
    "running, 10, 100, 500, 500, DAILY_CAP_REACHED",
    "running, 10, 100, 900, 500, DAILY_CAP_REACHED",
    "running, 100, 100, 0, , BUDGET_EXHAUSTED",
    "running, 100, 100, 500, 500, BUDGET_EXHAUSTED",
    "stoped, 100, 100, 0, , BUDGET_EXHAUSTED",
    "paused, 10, 100, 0, , NOT_RUNNING",
    "paused, 10, 100, 500, 500, NOT_RUNNING",
    "stoped, 10, 100, 0, , NOT_RUNNING",
    "unactivated, 0, 100, 0, , NOT_RUNNING",
    "something_new, 0, 100, 0, , NOT_RUNNING"
  })
  void theFactsDecideInOrderBudgetStateThenTodaysCap(
      String status,
      long distributed,
      long maxCoupons,
      long issuedToday,
      Long byDay,
      Finding finding) {
    StockFacts facts =
        new StockFacts("S1", status, maxCoupons, distributed, 100, byDay, issuedToday);
    assertThat(facts.finding()).isEqualTo(finding);
  }

  @Test
  void eachFindingIsExplainedWithItsNumbers() {
    assertThat(new StockFacts("S1", "running", 50, 50, 100, null, 0).explain())
        .isEqualTo("stock S1 has distributed 50 of its 50 coupons");
    assertThat(new StockFacts("S1", "paused", 50, 10, 100, null, 0).explain())
        .isEqualTo("stock S1 is paused");
    assertThat(new StockFacts("S1", "running", 500, 50, 100, 5_000L, 5_000).explain())
        .isEqualTo("5000 of max_amount_by_day 5000 fen issued today");
    assertThat(new StockFacts("S1", "running", 500, 50, 100, 5_000L, 1_000).explain())
        .isEqualTo(
            "stock S1 is running, 50 of 500 coupons distributed, 1000 of 5000 fen issued today");
  }

  @Test
  void theFactsOfAQueriedStockComeFromItsUseRule() {
    Stock stock = new Stock();
    stock.setStockId("S2");
    stock.setStatus("running");
    stock.setDistributedCoupons(7);
    StockUseRule rule = new StockUseRule();
    rule.setMaxCoupons(10L);
    rule.setMaxAmountByDay(300L);
    FixedValueStockMsg fixed = new FixedValueStockMsg();
    fixed.setCouponAmount(100L);
    rule.setFixedNormalCoupon(fixed);
    stock.setStockUseRule(rule);
    assertThat(StockFacts.of(stock, 999, 200))
        .isEqualTo(new StockFacts("S2", "running", 10, 7, 100, 300L, 200));
  }

  @Test
  void aStockWithoutRulesIsJudgedByItsStatusAndTheCampaignsCouponAmount() {
    Stock stock = new Stock();
    stock.setStockId("S3");
    stock.setStatus("running");
    StockFacts facts = StockFacts.of(stock, 500, 0);
    assertThat(facts).isEqualTo(new StockFacts("S3", "running", Long.MAX_VALUE, 0, 500, null, 0));
    assertThat(facts.finding()).isEqualTo(Finding.ISSUABLE);
  }
}
