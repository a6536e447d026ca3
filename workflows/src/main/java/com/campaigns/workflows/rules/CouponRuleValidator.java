package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.CouponPattern;
import com.campaigns.workflows.model.FixAvailableTime;
import com.campaigns.workflows.model.StockSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rest of the coupon in {@link StockSpec}: its look ({@code pattern_info}) and the use rules
 * WeChat Pay enforces at payment ({@code coupon_use_rule}), with the limits of WeChat Pay's
 * create-stock documentation and the seed's rules.
 */
final class CouponRuleValidator {

  /** WeChat Pay's background colours (the SDK's {@code BackgroundColor}). */
  static final Set<String> BACKGROUND_COLORS =
      Set.of(
          "COLOR010",
          "COLOR020",
          "COLOR030",
          "COLOR040",
          "COLOR050",
          "COLOR060",
          "COLOR070",
          "COLOR080",
          "COLOR081",
          "COLOR082",
          "COLOR090",
          "COLOR100",
          "COLOR101",
          "COLOR102");

  /** Where a coupon may be used (the SDK's {@code TradeType}). */
  static final List<String> TRADE_TYPES =
      List.of("MICROAPP", "APPPAY", "PPAY", "CARD", "FACE", "OTHER");

  /** A goods tag or item id as merchants set them on orders: 1–32 of letters, digits, _ and -. */
  private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");

  private CouponRuleValidator() {}

  static void validate(StockSpec stock, List<Violation> out) {
    if (stock.patternInfo() != null) {
      validatePattern(stock.patternInfo(), out);
    }
    tags("stock.goods_tag", stock.goodsTag(), "an order's goods tag", out);
    tags("stock.available_items", stock.availableItems(), "an item id", out);
    if (stock.tradeType() != null) {
      if (stock.tradeType().isEmpty()) {
        out.add(new Violation("stock.trade_type", "must not be empty when given"));
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < stock.tradeType().size(); i++) {
        String t = stock.tradeType().get(i);
        String field = "stock.trade_type[" + i + "]";
        if (t == null || !TRADE_TYPES.contains(t)) {
          out.add(new Violation(field, "must be one of " + String.join(", ", TRADE_TYPES)));
        } else if (!seen.add(t)) {
          out.add(new Violation(field, "is given twice"));
        }
      }
    }
    if (stock.fixAvailableTime() != null) {
      validateTime(stock.fixAvailableTime(), out);
    }
  }

  private static void validatePattern(CouponPattern p, List<Violation> out) {
    String base = "stock.pattern_info.";
    if (SpecValidator.blank(p.description())) {
      out.add(new Violation(base + "description", "is required with pattern_info (使用说明)"));
    } else {
      length(base + "description", p.description(), 1000, out);
    }
    if (p.merchantName() != null) {
      length(base + "merchant_name", p.merchantName(), 16, out);
    }
    url(base + "merchant_logo", p.merchantLogo(), out);
    url(base + "coupon_image", p.couponImage(), out);
    if (p.backgroundColor() != null && !BACKGROUND_COLORS.contains(p.backgroundColor())) {
      out.add(
          new Violation(
              base + "background_color",
              "must be one of WeChat Pay's colours: "
                  + String.join(", ", BACKGROUND_COLORS.stream().sorted().toList())));
    }
  }

  private static void length(String field, String value, int max, List<Violation> out) {
    int chars = value.codePointCount(0, value.length());
    if (chars > max) {
      out.add(
          new Violation(field, "must be at most " + max + " characters (it has " + chars + ")"));
    }
    SpecValidator.checkNoFourByteCharacters(field, value, out);
  }

  /** An image WeChat Pay's image upload answered: an https URL of at most 128 characters. */
  private static void url(String field, String value, List<Violation> out) {
    if (value == null) {
      return;
    }
    if (!value.startsWith("https://") || value.length() > 128 || value.contains(" ")) {
      out.add(
          new Violation(
              field,
              "must be the https URL (at most 128 characters) that WeChat Pay's image upload"
                  + " (/v3/marketing/favor/media/image-upload) answered"));
    }
  }

  private static void tags(String field, List<String> values, String what, List<Violation> out) {
    if (values == null) {
      return;
    }
    if (values.isEmpty()) {
      out.add(new Violation(field, "must not be empty when given"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || !TAG.matcher(v).matches()) {
        out.add(
            new Violation(
                field + "[" + i + "]", "must be " + what + ": 1 to 32 letters, digits, _ or -"));
      } else if (!seen.add(v)) {
        out.add(new Violation(field + "[" + i + "]", "is given twice"));
      }
    }
  }

  private static void validateTime(FixAvailableTime t, List<Violation> out) {
    String base = "stock.fix_available_time.";
    List<Integer> days = t.availableWeekDay();
    if (days == null || days.isEmpty()) {
      out.add(
          new Violation(
              base + "available_week_day", "is required: days 0 (Sunday) to 6 (Saturday)"));
    } else {
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < days.size(); i++) {
        Integer d = days.get(i);
        if (d == null || d < 0 || d > 6) {
          out.add(
              new Violation(
                  base + "available_week_day[" + i + "]",
                  "must be a day from 0 (Sunday) to 6 (Saturday)"));
        } else if (!seen.add(d)) {
          out.add(new Violation(base + "available_week_day[" + i + "]", "is given twice"));
        }
      }
    }
    Integer begin = t.beginTime();
    Integer end = t.endTime();
    if (begin == null || begin < 0 || begin > 86_399) {
      out.add(new Violation(base + "begin_time", "is required: seconds of the day, 0 to 86399"));
    }
    if (end == null || end < 1 || end > 86_400) {
      out.add(new Violation(base + "end_time", "is required: seconds of the day, 1 to 86400"));
    } else if (begin != null && begin >= 0 && end <= begin) {
      out.add(new Violation(base + "end_time", "must be after begin_time"));
    }
  }
}
