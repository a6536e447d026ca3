package com.campaigns.sandbox.stock;

import static com.campaigns.sandbox.stock.BodyFields.bool;
import static com.campaigns.sandbox.stock.BodyFields.formatError;
import static com.campaigns.sandbox.stock.BodyFields.lengthError;
import static com.campaigns.sandbox.stock.BodyFields.number;
import static com.campaigns.sandbox.stock.BodyFields.object;
import static com.campaigns.sandbox.stock.BodyFields.optionalNumber;
import static com.campaigns.sandbox.stock.BodyFields.strings;
import static com.campaigns.sandbox.stock.BodyFields.text;
import static com.campaigns.sandbox.stock.BodyFields.time;

import com.campaigns.sandbox.protocol.Rejected;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The create-stock rules of the API docs and the developer guide's FAQ (reference §B.1, §B.13).
 * Like WeChat Pay it answers with the first violation found; {@code detail.field} names the field
 * as a dotted path ({@code stock_use_rule.max_coupons}), the message names it as a JSON pointer.
 */
final class StockValidator {

  /** The FAQ's message for the rules listed under "你配置的信息需要开通特殊权限". */
  static final String SPECIAL_PERMISSION = "你配置的信息需要开通特殊权限";

  static final String WINDOW_BLOCKED = "活动未开始或已结束";
  static final Pattern OUT_REQUEST_NO = Pattern.compile("[0-9A-Za-z|_*-]{1,128}");
  private static final Pattern STOCK_NAME_FORBIDDEN = Pattern.compile("[_,;|]");

  private StockValidator() {}

  static StockTerms validate(JsonNode body, String caller, Instant now) {
    if (body == null || !body.isObject()) {
      throw Rejected.paramError("请求体格式错误,请检查JSON", "body", null, "body must be a JSON object");
    }
    rejectFourByteCharacters(body, "");
    String stockName = text(body, "stock_name", true);
    checkStockName(stockName);
    String comment = text(body, "comment", false);
    if (comment != null && comment.codePointCount(0, comment.length()) > 60) {
      throw lengthError("comment", comment, "at most 60 characters");
    }
    String belongMerchant = text(body, "belong_merchant", true);
    if (!belongMerchant.equals(caller)) {
      throw Rejected.paramError(
          "批次归属商户号与调用商户号不一致",
          "belong_merchant",
          belongMerchant,
          "must be the creating merchant " + caller);
    }
    Instant begin = time(body, "available_begin_time");
    Instant end = time(body, "available_end_time");
    JsonNode stockUseRule = object(body, "stock_use_rule", true);
    JsonNode couponUseRule = object(body, "coupon_use_rule", true);
    boolean noCash = bool(body, "no_cash", "no_cash", true);
    String stockType = text(body, "stock_type", true);
    String outRequestNo = text(body, "out_request_no", true);
    if (!OUT_REQUEST_NO.matcher(outRequestNo).matches()) {
      throw formatError("out_request_no", outRequestNo, "1 to 128 characters of [0-9A-Za-z|_*-]");
    }
    String extInfo = text(body, "ext_info", false);
    if (extInfo != null && extInfo.length() > 128) {
      throw lengthError("ext_info", extInfo, "at most 128 characters");
    }
    if (!"NORMAL".equals(stockType)) {
      throw special("stock_type", stockType, "only NORMAL stocks can be created");
    }

    long maxCoupons = number(stockUseRule, "stock_use_rule.max_coupons", true);
    long maxAmount = number(stockUseRule, "stock_use_rule.max_amount", true);
    Long maxAmountByDay = optionalNumber(stockUseRule, "stock_use_rule.max_amount_by_day");
    long maxCouponsPerUser = number(stockUseRule, "stock_use_rule.max_coupons_per_user", true);
    boolean naturalPersonLimit =
        bool(stockUseRule, "natural_person_limit", "stock_use_rule.natural_person_limit", false);
    boolean preventApiAbuse =
        bool(stockUseRule, "prevent_api_abuse", "stock_use_rule.prevent_api_abuse", false);

    JsonNode fixed =
        object(couponUseRule, "fixed_normal_coupon", true, "coupon_use_rule.fixed_normal_coupon");
    long couponAmount = number(fixed, "coupon_use_rule.fixed_normal_coupon.coupon_amount", true);
    long transactionMinimum =
        number(fixed, "coupon_use_rule.fixed_normal_coupon.transaction_minimum", true);
    Integer minutesAfterReceive = checkAvailableTime(couponUseRule);
    List<String> availableMerchants = strings(couponUseRule, "coupon_use_rule.available_merchants");
    List<String> availableItems = strings(couponUseRule, "coupon_use_rule.available_items");
    List<String> goodsTag = strings(couponUseRule, "coupon_use_rule.goods_tag");
    List<String> tradeType = strings(couponUseRule, "coupon_use_rule.trade_type");
    Boolean combineUse =
        couponUseRule.has("combine_use")
            ? bool(couponUseRule, "combine_use", "coupon_use_rule.combine_use", false)
            : null;

    checkTradeTypes(tradeType);
    checkPattern(object(body, "pattern_info", false));

    if (couponAmount < 10 || couponAmount > 100_000) {
      throw special(
          "coupon_use_rule.fixed_normal_coupon.coupon_amount",
          couponAmount,
          "coupon_amount must be between 10 and 100000 fen");
    }
    if (transactionMinimum < 10 || transactionMinimum > 10_000_000) {
      throw special(
          "coupon_use_rule.fixed_normal_coupon.transaction_minimum",
          transactionMinimum,
          "transaction_minimum must be between 10 and 10000000 fen");
    }
    if (transactionMinimum - couponAmount < 1) {
      throw special(
          "coupon_use_rule.fixed_normal_coupon.transaction_minimum",
          transactionMinimum,
          "transaction_minimum must exceed coupon_amount by at least 1 fen");
    }
    if (maxCoupons < 1 || maxCoupons > 1_000_000_000L) {
      throw Rejected.paramError(
          "发放总数须在1至1000000000之间",
          "stock_use_rule.max_coupons",
          maxCoupons,
          "max_coupons must be between 1 and 1000000000");
    }
    if (maxCouponsPerUser == 0) {
      throw special("stock_use_rule.max_coupons_per_user", 0, "max_coupons_per_user must not be 0");
    }
    if (maxCouponsPerUser < 0 || maxCouponsPerUser > maxCoupons) {
      throw Rejected.paramError(
          "单个用户可领个数须在1至发放总数之间",
          "stock_use_rule.max_coupons_per_user",
          maxCouponsPerUser,
          "max_coupons_per_user must be between 1 and max_coupons");
    }
    if (maxAmount != couponAmount * maxCoupons) {
      throw Rejected.paramError(
          "批次预算等于批次面额乘以发券数",
          "stock_use_rule.max_amount",
          maxAmount,
          "max_amount must equal coupon_amount × max_coupons = " + couponAmount * maxCoupons);
    }
    if (maxAmountByDay != null && (maxAmountByDay < couponAmount || maxAmountByDay > maxAmount)) {
      throw Rejected.paramError(
          "单天发放上限金额须在面额与批次预算之间",
          "stock_use_rule.max_amount_by_day",
          maxAmountByDay,
          "max_amount_by_day must be between coupon_amount and max_amount");
    }
    checkWindow(begin, end, now);
    return new StockTerms(
        stockName,
        comment,
        belongMerchant,
        begin,
        end,
        maxCoupons,
        maxAmount,
        maxAmountByDay,
        (int) maxCouponsPerUser,
        naturalPersonLimit,
        preventApiAbuse,
        couponAmount,
        transactionMinimum,
        minutesAfterReceive,
        availableMerchants.isEmpty() ? List.of(caller) : availableMerchants,
        availableItems,
        goodsTag,
        tradeType,
        combineUse,
        noCash,
        stockType,
        outRequestNo,
        body);
  }

  /**
   * At most 9 Chinese characters or 20 letters: a Chinese (non-ASCII) character weighs 20/9 of a
   * letter, so mixed names fall in between. The exact weighting WeChat Pay applies is unknown.
   */
  private static void checkStockName(String name) {
    if (STOCK_NAME_FORBIDDEN.matcher(name).find()) {
      throw Rejected.paramError("批次名称不能包含特殊字符_,;|", "stock_name", name, "must not contain _ , ; |");
    }
    long ascii = name.chars().filter(c -> c < 128).count();
    long other = name.codePointCount(0, name.length()) - ascii;
    if (ascii * 9 + other * 20 > 180) {
      throw special("stock_name", name, "at most 9 Chinese characters or 20 letters");
    }
  }

  /** The SDK's {@code TradeType}. */
  static final Set<String> TRADE_TYPES =
      Set.of("MICROAPP", "APPPAY", "PPAY", "CARD", "FACE", "OTHER");

  /** The SDK's {@code BackgroundColor}. */
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

  private static void checkTradeTypes(List<String> tradeType) {
    for (String t : tradeType) {
      if (!TRADE_TYPES.contains(t)) {
        throw formatError("coupon_use_rule.trade_type", t, "one of " + TRADE_TYPES);
      }
    }
  }

  /**
   * {@code pattern_info}: description (使用说明) required, at most 1000 characters; merchant name at
   * most 16; images as https URLs of at most 128 characters (WeChat Pay wants URLs its image upload
   * answered; the sandbox has no upload and takes any https URL); one of the SDK's colours.
   */
  private static void checkPattern(JsonNode pattern) {
    if (pattern == null) {
      return;
    }
    String description = text(pattern, "pattern_info.description", true);
    if (description.codePointCount(0, description.length()) > 1000) {
      throw lengthError("pattern_info.description", description, "at most 1000 characters");
    }
    String name = text(pattern, "pattern_info.merchant_name", false);
    if (name != null && name.codePointCount(0, name.length()) > 16) {
      throw lengthError("pattern_info.merchant_name", name, "at most 16 characters");
    }
    for (String image : List.of("merchant_logo", "coupon_image")) {
      String url = text(pattern, "pattern_info." + image, false);
      if (url != null && (!url.startsWith("https://") || url.length() > 128)) {
        throw formatError("pattern_info." + image, url, "an https URL of at most 128 characters");
      }
    }
    String color = text(pattern, "pattern_info.background_color", false);
    if (color != null && !BACKGROUND_COLORS.contains(color)) {
      throw formatError("pattern_info.background_color", color, "one of " + BACKGROUND_COLORS);
    }
  }

  private static Integer checkAvailableTime(JsonNode couponUseRule) {
    JsonNode available =
        object(
            couponUseRule, "coupon_available_time", false, "coupon_use_rule.coupon_available_time");
    if (available == null) {
      return null;
    }
    String base = "coupon_use_rule.coupon_available_time.";
    Long minutes = optionalNumber(available, base + "available_time_after_receive");
    if (minutes != null && (minutes < 1 || minutes > 1440)) {
      throw special(
          base + "available_time_after_receive",
          minutes,
          "available_time_after_receive must be between 1 and 1440 minutes");
    }
    JsonNode fix = object(available, "fix_available_time", false, base + "fix_available_time");
    if (fix != null) {
      String f = base + "fix_available_time.";
      Long beginSecond = optionalNumber(fix, f + "begin_time");
      Long endSecond = optionalNumber(fix, f + "end_time");
      if (beginSecond != null && (beginSecond < 0 || beginSecond > 86_399)
          || endSecond != null && (endSecond < 1 || endSecond > 86_400)
          || beginSecond != null && endSecond != null && beginSecond >= endSecond) {
        throw special(
            f + "begin_time",
            beginSecond,
            "daily window must satisfy 0 <= begin_time < end_time <= 86400");
      }
      JsonNode days = fix.get("available_week_day");
      if (days != null && days.isArray()) {
        for (JsonNode d : days) {
          if (!d.canConvertToInt() || d.asInt() < 0 || d.asInt() > 6) {
            throw special(f + "available_week_day", d.asText(), "week days are 0 (Sunday) to 6");
          }
        }
      }
    }
    return minutes == null ? null : minutes.intValue();
  }

  private static void checkWindow(Instant begin, Instant end, Instant now) {
    Instant second = now.truncatedTo(ChronoUnit.SECONDS);
    String issue = null;
    if (begin.isBefore(second)) {
      issue = "available_begin_time is in the past";
    } else if (Duration.between(second, begin).compareTo(Duration.ofDays(365)) > 0) {
      issue = "available_begin_time must be within 365 days";
    } else if (!end.isAfter(begin)) {
      issue = "available_end_time must be after available_begin_time";
    } else if (Duration.between(begin, end).compareTo(Duration.ofDays(90)) > 0) {
      issue = "available window must not exceed 90 days";
    }
    if (issue != null) {
      throw new Rejected(
          403,
          "REQUEST_BLOCKED",
          WINDOW_BLOCKED,
          Rejected.fieldDetail(
              issue.startsWith("available_end") ? "available_end_time" : "available_begin_time",
              null,
              issue,
              "body"));
    }
  }

  private static void rejectFourByteCharacters(JsonNode node, String path) {
    if (node.isTextual()) {
      String text = node.textValue();
      if (text.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
        throw Rejected.paramError(
            "输入源“/body/" + path.replace('.', '/') + "”包含不支持的字符",
            path,
            text,
            "4-byte UTF-8 characters (such as emoji) are not supported");
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        rejectFourByteCharacters(
            field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        rejectFourByteCharacters(node.get(i), path + "." + i);
      }
    }
  }

  private static Rejected special(String path, Object value, String issue) {
    return Rejected.paramError(SPECIAL_PERMISSION, path, value, issue);
  }
}
