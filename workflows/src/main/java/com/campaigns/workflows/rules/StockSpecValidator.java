package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.StockSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stock's (批次) part of {@link SpecValidator}: what WeChat Pay checks when a stock is created —
 * name, window, amounts, limits — reported as violations naming the field.
 */
final class StockSpecValidator {

  private static final String FORBIDDEN_NAME_CHARS = "_,;|，；｜";

  private StockSpecValidator() {}

  /** The stock's availability window, when both ends parsed. */
  record Window(Instant begin, Instant end) {}

  static Window validate(StockSpec stock, Instant now, List<Violation> out) {
    if (stock == null) {
      out.add(new Violation("stock", "is required"));
      return null;
    }
    validateStockName(stock.stockName(), out);
    if (stock.comment() != null) {
      if (stock.comment().codePointCount(0, stock.comment().length()) > 60) {
        out.add(new Violation("stock.comment", "must be at most 60 characters"));
      }
      SpecValidator.checkNoFourByteCharacters("stock.comment", stock.comment(), out);
    }
    Window window = validateWindow(stock, now, out);
    validateAmounts(stock, out);
    if (stock.noCash() == null) {
      out.add(new Violation("stock.no_cash", "is required (true: 免充值, false: 预充值)"));
    }
    if (stock.availableMerchants() != null) {
      if (stock.availableMerchants().isEmpty()) {
        out.add(new Violation("stock.available_merchants", "must not be empty when given"));
      }
      for (int i = 0; i < stock.availableMerchants().size(); i++) {
        String m = stock.availableMerchants().get(i);
        if (m == null || !SpecValidator.MCHID.matcher(m).matches()) {
          out.add(
              new Violation(
                  "stock.available_merchants[" + i + "]",
                  "must be a merchant id of 1 to 20 digits"));
        }
      }
    }
    if (stock.availableTimeAfterReceive() != null
        && (stock.availableTimeAfterReceive() < 1 || stock.availableTimeAfterReceive() > 1440)) {
      out.add(
          new Violation(
              "stock.available_time_after_receive", "must be between 1 and 1440 minutes"));
    }
    CouponRuleValidator.validate(stock, out);
    if (stock.stockType() != null && !"NORMAL".equals(stock.stockType())) {
      out.add(
          new Violation("stock.stock_type", "only NORMAL stocks can be created through the API"));
    }
    return window;
  }

  private static void validateStockName(String name, List<Violation> out) {
    String field = "stock.stock_name";
    if (SpecValidator.blank(name)) {
      out.add(new Violation(field, "is required"));
      return;
    }
    int chars = name.codePointCount(0, name.length());
    boolean ascii = name.chars().allMatch(c -> c < 128);
    if (ascii && chars > 20) {
      out.add(
          new Violation(
              field, "has " + chars + " letters; at most 20 (at most 9 with a Chinese character)"));
    } else if (!ascii && chars > 9) {
      out.add(
          new Violation(
              field,
              "has "
                  + chars
                  + " characters, "
                  + name.codePoints().filter(c -> c >= 128).count()
                  + " of them Chinese; a name with a Chinese character has at most 9 (one"
                  + " with letters only, 20)"));
    }
    for (char c : FORBIDDEN_NAME_CHARS.toCharArray()) {
      if (name.indexOf(c) >= 0) {
        out.add(new Violation(field, "must not contain '" + c + "' (none of _ , ; | are allowed)"));
      }
    }
    SpecValidator.checkNoFourByteCharacters(field, name, out);
  }

  private static Window validateWindow(StockSpec stock, Instant now, List<Violation> out) {
    Optional<Instant> begin =
        SpecValidator.parseTime("stock.available_begin_time", stock.availableBeginTime(), out);
    Optional<Instant> end =
        SpecValidator.parseTime("stock.available_end_time", stock.availableEndTime(), out);
    if (begin.isPresent() && begin.get().isBefore(now)) {
      out.add(new Violation("stock.available_begin_time", "must not be in the past"));
    }
    if (begin.isPresent() && begin.get().isAfter(now.plus(Duration.ofDays(365)))) {
      out.add(new Violation("stock.available_begin_time", "must be within 365 days from now"));
    }
    if (begin.isPresent() && end.isPresent()) {
      if (!end.get().isAfter(begin.get())) {
        out.add(new Violation("stock.available_end_time", "must be after available_begin_time"));
      } else if (Duration.between(begin.get(), end.get()).compareTo(Duration.ofDays(90)) > 0) {
        out.add(
            new Violation(
                "stock.available_end_time", "the stock may be available for at most 90 days"));
      }
      return new Window(begin.get(), end.get());
    }
    return null;
  }

  private static void validateAmounts(StockSpec stock, List<Violation> out) {
    Long amount = stock.couponAmount();
    if (amount == null) {
      out.add(new Violation("stock.coupon_amount", "is required (fen)"));
    } else if (amount < FieldLimits.COUPON_AMOUNT_MIN || amount > FieldLimits.COUPON_AMOUNT_MAX) {
      out.add(
          new Violation(
              "stock.coupon_amount",
              "is " + amount + " fen; must be between 10 and 100000 fen (¥0.10 to ¥1000.00)"));
    }
    Long minimum = stock.transactionMinimum();
    if (minimum == null) {
      out.add(new Violation("stock.transaction_minimum", "is required (fen)"));
    } else {
      if (minimum < FieldLimits.TRANSACTION_MINIMUM_MIN
          || minimum > FieldLimits.TRANSACTION_MINIMUM_MAX) {
        out.add(
            new Violation(
                "stock.transaction_minimum",
                "is "
                    + minimum
                    + " fen; must be between 10 and 10000000 fen (¥0.10 to ¥100000.00)"));
      }
      if (amount != null && minimum - amount < 1) {
        out.add(
            new Violation(
                "stock.transaction_minimum",
                "must exceed coupon_amount by at least 1 fen (门槛 − 面额 ≥ 0.01 元)"));
      }
    }
    Long maxCoupons = stock.maxCoupons();
    if (maxCoupons == null) {
      out.add(new Violation("stock.max_coupons", "is required"));
    } else if (maxCoupons < 1 || maxCoupons > FieldLimits.MAX_COUPONS_MAX) {
      out.add(new Violation("stock.max_coupons", "must be between 1 and 1000000000"));
    }
    Integer perUser = stock.maxCouponsPerUser();
    if (perUser == null) {
      out.add(new Violation("stock.max_coupons_per_user", "is required"));
    } else if (perUser < 1) {
      out.add(new Violation("stock.max_coupons_per_user", "must be at least 1 (0 is not allowed)"));
    } else if (maxCoupons != null && perUser > maxCoupons) {
      out.add(new Violation("stock.max_coupons_per_user", "must not exceed max_coupons"));
    }
    if (stock.maxAmount() != null
        && amount != null
        && maxCoupons != null
        && stock.maxAmount() != amount * maxCoupons) {
      out.add(
          new Violation(
              "stock.max_amount",
              "must equal coupon_amount × max_coupons = "
                  + amount * maxCoupons
                  + " (批次预算等于批次面额乘以发券数)"));
    }
    Long byDay = stock.maxAmountByDay();
    if (byDay != null) {
      if (amount != null && byDay < amount) {
        out.add(
            new Violation(
                "stock.max_amount_by_day",
                "is " + byDay + " fen; must be at least coupon_amount, " + amount + " fen"));
      }
      if (amount != null && maxCoupons != null && byDay > amount * maxCoupons) {
        out.add(
            new Violation(
                "stock.max_amount_by_day",
                "is "
                    + byDay
                    + " fen; must not exceed the stock budget max_amount = coupon_amount ×"
                    + " max_coupons = "
                    + amount * maxCoupons
                    + " fen ("
                    + FieldLimits.yuan(amount * maxCoupons)
                    + ")"));
      }
    }
  }
}
