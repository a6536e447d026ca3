package com.campaigns.activities.flow;

import com.campaigns.ledger.FlowRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a use-flow or refund-flow file. WeChat Pay does not publish the layout, so the reader is
 * tolerant: columns are found by header name (Chinese as in WeChat bills, or English), in any
 * order, unknown columns are kept only in {@code raw}, a leading BOM and the backtick WeChat
 * prefixes values with are removed, and amounts in yuan become fen.
 */
public final class FlowFileParser {

  /** The header names each column goes by: Chinese as in WeChat bills, or English. */
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "stock_id", List.of("批次id", "stock_id"),
          "coupon_id", List.of("优惠id", "coupon_id"),
          "coupon_amount", List.of("面额", "优惠金额", "coupon_amount"),
          "order_amount", List.of("订单总金额", "order_amount"),
          "refund_amount", List.of("退款金额", "refund_amount"),
          "transaction_id", List.of("支付单号", "微信支付单号", "transaction_id"),
          "refund_no", List.of("退款单号", "refund_no"),
          "event_time", List.of("消耗时间", "consume_time"),
          "refund_time", List.of("退款时间"),
          "mchid", List.of("消耗商户号", "consume_mchid"));

  /** Header name → column. */
  private static final Map<String, String> ALIASES = byHeaderName();

  private static Map<String, String> byHeaderName() {
    Map<String, String> aliases = new java.util.HashMap<>();
    HEADERS.forEach((column, names) -> names.forEach(name -> aliases.put(name, column)));
    return Map.copyOf(aliases);
  }

  private FlowFileParser() {}

  public static List<FlowRow> parse(InputStream in) throws IOException {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    List<FlowRow> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      Map<String, Integer> header = parser.getHeaderMap();
      Map<String, Integer> columns = new java.util.HashMap<>();
      header.forEach(
          (name, index) -> {
            String key = ALIASES.get(clean(name).toLowerCase(java.util.Locale.ROOT));
            if (key == null) {
              key = ALIASES.get(clean(name));
            }
            if (key != null) {
              columns.putIfAbsent(key, index);
            }
          });
      if (!columns.containsKey("coupon_id")) {
        throw new IOException(
            "the flow file has no coupon id column (优惠id); header: " + header.keySet());
      }
      int line = 1;
      for (CSVRecord record : parser) {
        line++;
        String refundTime = value(record, columns, "refund_time");
        rows.add(
            new FlowRow(
                line,
                value(record, columns, "stock_id"),
                value(record, columns, "coupon_id"),
                fen(value(record, columns, "coupon_amount")),
                fen(value(record, columns, "order_amount")),
                fen(value(record, columns, "refund_amount")),
                value(record, columns, "transaction_id"),
                value(record, columns, "refund_no"),
                refundTime != null ? refundTime : value(record, columns, "event_time"),
                value(record, columns, "mchid"),
                String.join(",", record.toList())));
      }
    }
    return rows;
  }

  private static String value(CSVRecord record, Map<String, Integer> columns, String key) {
    Integer index = columns.get(key);
    if (index == null || index >= record.size()) {
      return null;
    }
    String v = clean(record.get(index));
    return v.isEmpty() ? null : v;
  }

  private static String clean(String s) {
    String v = s.strip();
    if (v.startsWith("\uFEFF")) {
      v = v.substring(1);
    }
    if (v.startsWith("`")) {
      v = v.substring(1);
    }
    return v.strip();
  }

  /** "12.34" yuan → 1234 fen. */
  static Long fen(String yuan) {
    if (yuan == null) {
      return null;
    }
    return new BigDecimal(yuan).movePointRight(2).longValueExact();
  }
}
