package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.CouponPattern;
import com.campaigns.workflows.model.FixAvailableTime;
import com.campaigns.workflows.model.StockSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The coupon's look and use rules: every field a marketer may set, each rule naming its field. */
class CouponRuleValidatorTest {

  static final Instant BEGIN = Instant.parse("2026-11-27T03:00:00Z");
  static final StockSpec WHOLE =
      CampaignSpecs.wholeStock(BEGIN, BEGIN.plus(Duration.ofDays(10)), 500, 1000);

  static List<Violation> validate(StockSpec stock) {
    List<Violation> out = new ArrayList<>();
    CouponRuleValidator.validate(stock, out);
    return out;
  }

  /** The whole stock with one part changed. */
  static StockSpec with(
      CouponPattern pattern,
      List<String> goodsTag,
      List<String> tradeType,
      List<String> items,
      FixAvailableTime time) {
    StockSpec s = WHOLE;
    return new StockSpec(
        s.stockName(),
        s.comment(),
        s.availableBeginTime(),
        s.availableEndTime(),
        s.couponAmount(),
        s.transactionMinimum(),
        s.maxCoupons(),
        s.maxCouponsPerUser(),
        s.maxAmount(),
        s.maxAmountByDay(),
        s.noCash(),
        s.availableMerchants(),
        s.availableTimeAfterReceive(),
        s.naturalPersonLimit(),
        s.preventApiAbuse(),
        s.stockType(),
        pattern,
        goodsTag,
        tradeType,
        s.combineUse(),
        items,
        time,
        s.secondDayAvailable());
  }

  static StockSpec pattern(UnaryOperator<CouponPattern> change) {
    return with(
        change.apply(WHOLE.patternInfo()),
        WHOLE.goodsTag(),
        WHOLE.tradeType(),
        WHOLE.availableItems(),
        WHOLE.fixAvailableTime());
  }

  static void assertViolation(StockSpec stock, String field, String part) {
    assertThat(validate(stock))
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(part);
            });
  }

  @Test
  void theWholeCouponIsValidAndSoIsAStockWithoutIt() {
    assertThat(validate(WHOLE)).isEmpty();
    assertThat(
            SpecValidator.validate(
                CampaignSpecs.sample(BEGIN.minus(Duration.ofHours(1))),
                SpecValidator.Context.at(BEGIN.minus(Duration.ofHours(1)))))
        .noneSatisfy(v -> assertThat(v.field()).startsWith("stock."));
  }

  @Test
  void thePatternNeedsItsDescriptionWithinTheLengthsWeChatPayAllows() {
    assertViolation(
        pattern(p -> new CouponPattern(null, p.merchantLogo(), null, null, null)),
        "stock.pattern_info.description",
        "required");
    assertViolation(
        pattern(p -> new CouponPattern("说".repeat(1001), null, null, null, null)),
        "stock.pattern_info.description",
        "at most 1000 characters (it has 1001)");
    assertViolation(
        pattern(p -> new CouponPattern("ok", null, "名".repeat(17), null, null)),
        "stock.pattern_info.merchant_name",
        "at most 16");
    assertViolation(
        pattern(p -> new CouponPattern("ok\uD83D\uDE00", null, null, null, null)),
        "stock.pattern_info.description",
        "4-byte");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com/logo.png", "logo.png", "https://a b"})
  void imagesAreTheHttpsUrlsOfWeChatPaysImageUpload(String url) {
    assertViolation(
        pattern(p -> new CouponPattern("ok", url, null, null, null)),
        "stock.pattern_info.merchant_logo",
        "image upload");
    assertViolation(
        pattern(p -> new CouponPattern("ok", null, null, null, url)),
        "stock.pattern_info.coupon_image",
        "https URL");
    assertViolation(
        pattern(p -> new CouponPattern("ok", "https://x/" + "a".repeat(120), null, null, null)),
        "stock.pattern_info.merchant_logo",
        "at most 128");
  }

  @Test
  void theBackgroundIsOneOfWeChatPaysColours() {
    assertViolation(
        pattern(p -> new CouponPattern("ok", null, null, "#FF0000", null)),
        "stock.pattern_info.background_color",
        "COLOR010");
    assertThat(validate(pattern(p -> new CouponPattern("ok", null, null, "COLOR102", null))))
        .isEmpty();
  }

  @Test
  void tradeTypesAreWeChatPaysOwnOnceEach() {
    StockSpec bad =
        with(
            WHOLE.patternInfo(),
            WHOLE.goodsTag(),
            List.of("JSAPI", "APPPAY", "APPPAY"),
            WHOLE.availableItems(),
            WHOLE.fixAvailableTime());
    assertViolation(bad, "stock.trade_type[0]", "MICROAPP, APPPAY, PPAY, CARD, FACE, OTHER");
    assertViolation(bad, "stock.trade_type[2]", "given twice");
    assertViolation(
        with(WHOLE.patternInfo(), null, List.of(), null, null), "stock.trade_type", "not be empty");
  }

  @Test
  void goodsTagsAndItemsAreShortIdsWithoutSpaces() {
    StockSpec bad =
        with(
            WHOLE.patternInfo(),
            List.of("spring sale"),
            WHOLE.tradeType(),
            List.of("sku-1", "x".repeat(33), "sku-1"),
            WHOLE.fixAvailableTime());
    assertViolation(bad, "stock.goods_tag[0]", "goods tag");
    assertViolation(bad, "stock.available_items[1]", "item id");
    assertViolation(bad, "stock.available_items[2]", "given twice");
    assertViolation(
        with(WHOLE.patternInfo(), List.of(), null, null, null), "stock.goods_tag", "not be empty");
  }

  @Test
  void theWeeklyUseTimeNamesDaysAndAnIntervalOfTheDay() {
    StockSpec bad =
        with(
            WHOLE.patternInfo(),
            null,
            null,
            null,
            new FixAvailableTime(List.of(0, 7, 0), 3600, 3600));
    assertViolation(bad, "stock.fix_available_time.available_week_day[1]", "0 (Sunday) to 6");
    assertViolation(bad, "stock.fix_available_time.available_week_day[2]", "given twice");
    assertViolation(bad, "stock.fix_available_time.end_time", "after begin_time");
    StockSpec missing = with(null, null, null, null, new FixAvailableTime(null, null, 86_401));
    assertViolation(missing, "stock.fix_available_time.available_week_day", "required");
    assertViolation(missing, "stock.fix_available_time.begin_time", "0 to 86399");
    assertViolation(missing, "stock.fix_available_time.end_time", "1 to 86400");
  }
}
