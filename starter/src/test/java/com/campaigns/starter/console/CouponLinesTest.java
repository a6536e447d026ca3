package com.campaigns.starter.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.model.CouponPattern;
import com.campaigns.workflows.model.FixAvailableTime;
import com.campaigns.workflows.model.StockSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The campaign page's "Coupon" card: what the spec sets, in words a marketer reads. */
class CouponLinesTest {

  static StockSpec stock(CouponPattern pattern, FixAvailableTime time) {
    return new StockSpec(
        "春季满减券",
        null,
        "2026-12-10T10:00:00+08:00",
        "2026-12-20T10:00:00+08:00",
        500L,
        1000L,
        100L,
        1,
        null,
        null,
        false,
        null,
        null,
        null,
        null,
        null,
        pattern,
        List.of("spring_sale"),
        List.of("MICROAPP", "APPPAY"),
        false,
        List.of("sku-1001"),
        time,
        null);
  }

  @Test
  void theWholeCouponIsShownLineByLine() {
    var lines =
        ConsolePages.coupon(
            stock(
                new CouponPattern("满额可用", "https://x/logo", "春季商城", "COLOR020", null),
                new FixAvailableTime(List.of(1, 2, 3, 4, 5), 9 * 3600, 21 * 3600 + 1800)));
    assertThat(lines)
        .extracting(CampaignPage.CouponLine::label, CampaignPage.CouponLine::value)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("Value 面额", "¥5.00 off orders of ¥10.00 or more"),
            org.assertj.core.groups.Tuple.tuple("Funding", "预充值 (pre-funded)"),
            org.assertj.core.groups.Tuple.tuple("使用说明", "满额可用"),
            org.assertj.core.groups.Tuple.tuple("Background", "COLOR020"),
            org.assertj.core.groups.Tuple.tuple("Goods tags", "spring_sale"),
            org.assertj.core.groups.Tuple.tuple("Trade types", "MICROAPP, APPPAY"),
            org.assertj.core.groups.Tuple.tuple("Combines with other offers", "no"),
            org.assertj.core.groups.Tuple.tuple("Items (single-item stock)", "sku-1001"),
            org.assertj.core.groups.Tuple.tuple("Usable", "Mon Tue Wed Thu Fri 09:00–21:30"));
    assertThat(lines).extracting(CampaignPage.CouponLine::label).doesNotContain("Image");
  }

  @Test
  void aPlainStockShowsItsValueOnly() {
    var lines =
        ConsolePages.coupon(
            new StockSpec(
                "券", null, null, null, 100L, 101L, 10L, 1, null, null, true, null, null, null, null,
                null));
    assertThat(lines)
        .extracting(CampaignPage.CouponLine::label)
        .containsExactly("Value 面额", "Funding");
    assertThat(ConsolePages.coupon(null)).isEmpty();
  }
}
