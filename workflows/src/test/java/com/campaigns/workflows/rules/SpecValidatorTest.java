package com.campaigns.workflows.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.StockSpec;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.model.WaveSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
  static final SpecValidator.Context CONTEXT =
      SpecValidator.Context.at(NOW).withAudiences(Map.of("aud-vip", 10L, "aud-all", 1000L));

  static List<Violation> validate(CampaignSpec spec) {
    return SpecValidator.validate(spec, CONTEXT);
  }

  static CampaignSpec withStock(UnaryOperator<StockSpecBuilder> change) {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    return new CampaignSpec(
        base.campaignId(),
        base.mchid(),
        base.appid(),
        change.apply(new StockSpecBuilder(base.stock())).build(),
        base.waves(),
        base.budgetGuard(),
        base.flows());
  }

  static void assertViolation(CampaignSpec spec, String field, String messagePart) {
    assertThat(validate(spec))
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(messagePart);
            });
  }

  @Test
  void acceptsTheSampleSpec() {
    assertThat(validate(CampaignSpecs.sample(NOW))).isEmpty();
  }

  @Test
  void reportsEveryViolationNotJustTheFirst() {
    CampaignSpec spec = withStock(s -> s.stockName("a_b").couponAmount(5L).maxCouponsPerUser(0));
    assertThat(validate(spec))
        .extracting(Violation::field)
        .contains("stock.stock_name", "stock.coupon_amount", "stock.max_coupons_per_user");
  }

  @Test
  void rejectsAMissingSpecPart() {
    CampaignSpec spec = new CampaignSpec(null, null, null, null, null, null, null);
    assertThat(validate(spec))
        .extracting(Violation::field)
        .contains("mchid", "appid", "stock", "waves");
  }

  @Test
  void rejectsABadCampaignId() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    assertViolation(base.withCampaignId("spring 2026!"), "campaign_id", "must match");
    assertViolation(base.withCampaignId("x".repeat(49)), "campaign_id", "must match");
  }

  @Test
  void rejectsNonNumericMchid() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    CampaignSpec spec =
        new CampaignSpec(
            base.campaignId(),
            "19abc",
            base.appid(),
            base.stock(),
            base.waves(),
            base.budgetGuard(),
            base.flows());
    assertViolation(spec, "mchid", "digits");
  }

  @Test
  void rejectsUnregisteredMerchantAndUnboundAppid() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    var registry =
        CONTEXT.withMerchants(
            m -> m.equals("1900000001") ? Set.of("wx0000000000000001") : null, 500);
    CampaignSpec unknown =
        new CampaignSpec(
            base.campaignId(),
            "1900000099",
            base.appid(),
            base.stock(),
            base.waves(),
            base.budgetGuard(),
            base.flows());
    assertThat(SpecValidator.validate(unknown, registry))
        .extracting(Violation::field)
        .contains("mchid");
    CampaignSpec unbound =
        new CampaignSpec(
            base.campaignId(),
            base.mchid(),
            "wxother",
            base.stock(),
            base.waves(),
            base.budgetGuard(),
            base.flows());
    assertThat(SpecValidator.validate(unbound, registry))
        .anySatisfy(v -> assertThat(v.message()).contains("APPID_MCHID_NOT_MATCH"));
  }

  @Test
  void rejectsStockNameLongerThanNineChineseCharacters() {
    // The message counts the name as the rule does and says the rule.
    assertViolation(
        withStock(s -> s.stockName("一二三四五六七八九十")),
        "stock.stock_name",
        "has 10 characters, 10 of them Chinese; a name with a Chinese character has at most 9");
    assertViolation(
        withStock(s -> s.stockName("Spring春季满减券 x")),
        "stock.stock_name",
        "has 13 characters, 5 of them Chinese");
    assertThat(validate(withStock(s -> s.stockName("一二三四五六七八九")))).isEmpty();
  }

  @Test
  void rejectsStockNameLongerThanTwentyLetters() {
    assertViolation(
        withStock(s -> s.stockName("a".repeat(21))),
        "stock.stock_name",
        "has 21 letters; at most 20");
    assertThat(validate(withStock(s -> s.stockName("a".repeat(20))))).isEmpty();
  }

  @Test
  void rejectsStockNameWithForbiddenPunctuation() {
    for (String name : List.of("a_b", "a,b", "a;b", "a|b", "春，季")) {
      assertViolation(withStock(s -> s.stockName(name)), "stock.stock_name", "must not contain");
    }
  }

  @Test
  void rejectsEmojiInStockName() {
    assertViolation(withStock(s -> s.stockName("券\uD83D\uDE00")), "stock.stock_name", "4-byte");
  }

  @Test
  void rejectsCommentLongerThanSixtyCharacters() {
    assertViolation(withStock(s -> s.comment("c".repeat(61))), "stock.comment", "60");
  }

  @Test
  void rejectsBeginInThePast() {
    assertViolation(
        withStock(s -> s.begin(NOW.minusSeconds(1))), "stock.available_begin_time", "past");
  }

  @Test
  void rejectsBeginMoreThan365DaysAhead() {
    assertViolation(
        withStock(s -> s.begin(NOW.plus(Duration.ofDays(366))).end(NOW.plus(Duration.ofDays(367)))),
        "stock.available_begin_time",
        "365");
  }

  @Test
  void rejectsWindowLongerThan90Days() {
    assertViolation(
        withStock(s -> s.end(NOW.plus(Duration.ofDays(92)))),
        "stock.available_end_time",
        "90 days");
  }

  @Test
  void rejectsEndBeforeBegin() {
    assertViolation(
        withStock(s -> s.end(NOW.plus(Duration.ofMinutes(30)))),
        "stock.available_end_time",
        "after");
  }

  @Test
  void rejectsTimesWithoutOffset() {
    assertViolation(
        withStock(s -> s.beginText("2026-12-01T10:00:00")),
        "stock.available_begin_time",
        "RFC 3339");
  }

  @Test
  void rejectsCouponAmountOutsideTenTo100000Fen() {
    assertViolation(
        withStock(s -> s.couponAmount(9L).transactionMinimum(100L)),
        "stock.coupon_amount",
        "10 and 100000");
    assertViolation(
        withStock(s -> s.couponAmount(100_001L).transactionMinimum(200_000L).maxAmount(null)),
        "stock.coupon_amount",
        "10 and 100000");
  }

  @Test
  void rejectsThresholdNotAboveFaceValue() {
    assertViolation(
        withStock(s -> s.transactionMinimum(500L)),
        "stock.transaction_minimum",
        "exceed coupon_amount");
    assertThat(validate(withStock(s -> s.transactionMinimum(501L)))).isEmpty();
  }

  @Test
  void rejectsThresholdOutsidePointOneTo100000Yuan() {
    assertViolation(
        withStock(s -> s.transactionMinimum(10_000_001L)), "stock.transaction_minimum", "10000000");
  }

  @Test
  void rejectsMaxAmountThatIsNotFaceValueTimesCount() {
    assertViolation(withStock(s -> s.maxAmount(499_999L)), "stock.max_amount", "批次预算等于批次面额乘以发券数");
    assertThat(validate(withStock(s -> s.maxAmount(500_000L)))).isEmpty();
  }

  @Test
  void rejectsZeroCouponsPerUser() {
    assertViolation(
        withStock(s -> s.maxCouponsPerUser(0)), "stock.max_coupons_per_user", "0 is not allowed");
  }

  @Test
  void rejectsDailyBudgetAboveTotalBudget() {
    // max_amount is computed, never typed: the message gives its figure.
    assertViolation(
        withStock(s -> s.maxAmountByDay(500_001L)),
        "stock.max_amount_by_day",
        "is 500001 fen; must not exceed the stock budget max_amount = coupon_amount × max_coupons"
            + " = 500000 fen (¥5000.00)");
    assertViolation(
        withStock(s -> s.maxAmountByDay(499L)),
        "stock.max_amount_by_day",
        "is 499 fen; must be at least coupon_amount, 500 fen");
  }

  @Test
  void rejectsAvailableTimeAfterReceiveOutsideOneTo1440Minutes() {
    assertViolation(
        withStock(s -> s.availableTimeAfterReceive(0)),
        "stock.available_time_after_receive",
        "1440");
    assertViolation(
        withStock(s -> s.availableTimeAfterReceive(1441)),
        "stock.available_time_after_receive",
        "1440");
  }

  @Test
  void rejectsStockTypesOtherThanNormal() {
    assertViolation(withStock(s -> s.stockType("DISCOUNT")), "stock.stock_type", "NORMAL");
  }

  @Test
  void requiresNoCash() {
    assertViolation(withStock(s -> s.noCash(null)), "stock.no_cash", "required");
  }

  @Test
  void rejectsBadAvailableMerchant() {
    assertViolation(
        withStock(s -> s.availableMerchants(List.of("19000x"))),
        "stock.available_merchants[0]",
        "digits");
  }

  @Test
  void rejectsWaveOutsideTheWindowAndDuplicateNames() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    List<WaveSpec> waves =
        List.of(
            base.waves().get(0),
            base.waves().get(0),
            base.waves().get(1).withStartAt("2027-12-01T10:00:00+08:00"));
    CampaignSpec spec = base.withWaves(waves);
    assertViolation(spec, "waves[1].name", "duplicates");
    assertViolation(spec, "waves[2].start_at", "availability window");
  }

  @Test
  void rejectsAudienceWithBothOrNeitherSource() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    WaveSpec both = base.waves().get(0).withAudience(new AudienceSpec(List.of("o1"), "aud-vip"));
    WaveSpec neither = base.waves().get(1).withAudience(new AudienceSpec(null, null));
    CampaignSpec spec = base.withWaves(List.of(both, neither));
    assertViolation(spec, "waves[0].audience", "exactly one");
    assertViolation(spec, "waves[1].audience", "exactly one");
  }

  @Test
  void rejectsUnknownAudienceAndInvalidOpenids() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    WaveSpec unknown = base.waves().get(0).withAudience(AudienceSpec.ofId("aud-missing"));
    WaveSpec bad =
        base.waves().get(1).withAudience(new AudienceSpec(List.of("ok-1", "not ok", ""), null));
    CampaignSpec spec = base.withWaves(List.of(unknown, bad));
    assertViolation(spec, "waves[0].audience.audience_id", "unknown audience");
    assertViolation(spec, "waves[1].audience.openids[1]", "not a valid openid");
    assertViolation(spec, "waves[1].audience.openids[2]", "not a valid openid");
  }

  @Test
  void rejectsRateAboveTheMerchantCeiling() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    WaveSpec fast =
        new WaveSpec("vip", base.waves().get(0).startAt(), base.waves().get(0).audience(), 501);
    assertViolation(base.withWaves(List.of(fast)), "waves[0].rate_per_second", "between 1 and 500");
    var slowMerchant = CONTEXT.withMerchants(m -> Set.of("wx0000000000000001"), 100);
    WaveSpec rate200 =
        new WaveSpec("vip", base.waves().get(0).startAt(), base.waves().get(0).audience(), 200);
    assertThat(SpecValidator.validate(base.withWaves(List.of(rate200)), slowMerchant))
        .anySatisfy(v -> assertThat(v.message()).contains("between 1 and 100"));
  }

  @Test
  void aMerchantConfiguredAboveTheDefaultCeilingAllowsFasterWaves() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    WaveSpec fast =
        new WaveSpec("vip", base.waves().get(0).startAt(), base.waves().get(0).audience(), 800);
    var fastMerchant = CONTEXT.withMerchants(m -> Set.of("wx0000000000000001"), 1000);
    assertThat(SpecValidator.validate(base.withWaves(List.of(fast)), fastMerchant)).isEmpty();
  }

  @Test
  void rejectsBadThresholds() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    CampaignSpec spec =
        new CampaignSpec(
            base.campaignId(),
            base.mchid(),
            base.appid(),
            base.stock(),
            base.waves(),
            new BudgetGuardSpec(
                List.of(
                    new ThresholdSpec("spent", 50.0, "manual", null),
                    new ThresholdSpec("issued_amount", 0.0, "manual", null),
                    new ThresholdSpec("issued_amount", 101.0, "manual", null),
                    new ThresholdSpec("used_amount", 50.0, "after", null),
                    new ThresholdSpec("used_amount", 60.0, "after", "30 minutes"),
                    new ThresholdSpec("used_amount", 70.0, "tomorrow", null),
                    new ThresholdSpec("used_amount", 80.0, "manual", "PT1H"))),
            base.flows());
    List<Violation> violations = validate(spec);
    assertThat(violations)
        .extracting(Violation::field)
        .contains(
            "budget_guard.thresholds[0].metric",
            "budget_guard.thresholds[1].percent",
            "budget_guard.thresholds[2].percent",
            "budget_guard.thresholds[3].resume_after",
            "budget_guard.thresholds[4].resume_after",
            "budget_guard.thresholds[5].resume",
            "budget_guard.thresholds[6].resume_after");
  }

  @Test
  void rejectsBadFlowReadyAfter() {
    CampaignSpec base = CampaignSpecs.sample(NOW);
    CampaignSpec spec =
        new CampaignSpec(
            base.campaignId(),
            base.mchid(),
            base.appid(),
            base.stock(),
            base.waves(),
            base.budgetGuard(),
            new FlowSpec(true, "soon"));
    assertViolation(spec, "flows.ready_after", "ISO-8601");
  }

  /** Test-local builder over the immutable stock record. */
  static final class StockSpecBuilder {
    private String name;
    private String comment;
    private String begin;
    private String end;
    private Long couponAmount;
    private Long minimum;
    private Long maxCoupons;
    private Integer perUser;
    private Long maxAmount;
    private Long byDay;
    private Boolean noCash;
    private List<String> merchants;
    private Integer afterReceive;
    private String type;

    StockSpecBuilder(StockSpec s) {
      name = s.stockName();
      comment = s.comment();
      begin = s.availableBeginTime();
      end = s.availableEndTime();
      couponAmount = s.couponAmount();
      minimum = s.transactionMinimum();
      maxCoupons = s.maxCoupons();
      perUser = s.maxCouponsPerUser();
      maxAmount = s.maxAmount();
      byDay = s.maxAmountByDay();
      noCash = s.noCash();
      merchants = s.availableMerchants();
      afterReceive = s.availableTimeAfterReceive();
      type = s.stockType();
    }

    StockSpecBuilder stockName(String v) {
      name = v;
      return this;
    }

    StockSpecBuilder comment(String v) {
      comment = v;
      return this;
    }

    StockSpecBuilder begin(Instant v) {
      begin = ShanghaiTime.rfc3339(v);
      return this;
    }

    StockSpecBuilder beginText(String v) {
      begin = v;
      return this;
    }

    StockSpecBuilder end(Instant v) {
      end = ShanghaiTime.rfc3339(v);
      return this;
    }

    StockSpecBuilder couponAmount(Long v) {
      couponAmount = v;
      return this;
    }

    StockSpecBuilder transactionMinimum(Long v) {
      minimum = v;
      return this;
    }

    StockSpecBuilder maxCouponsPerUser(Integer v) {
      perUser = v;
      return this;
    }

    StockSpecBuilder maxAmount(Long v) {
      maxAmount = v;
      return this;
    }

    StockSpecBuilder maxAmountByDay(Long v) {
      byDay = v;
      return this;
    }

    StockSpecBuilder noCash(Boolean v) {
      noCash = v;
      return this;
    }

    StockSpecBuilder availableMerchants(List<String> v) {
      merchants = v;
      return this;
    }

    StockSpecBuilder availableTimeAfterReceive(Integer v) {
      afterReceive = v;
      return this;
    }

    StockSpecBuilder stockType(String v) {
      type = v;
      return this;
    }

    StockSpec build() {
      return new StockSpec(
          name,
          comment,
          begin,
          end,
          couponAmount,
          minimum,
          maxCoupons,
          perUser,
          maxAmount,
          byDay,
          noCash,
          merchants,
          afterReceive,
          null,
          null,
          type);
    }
  }
}
