package com.campaigns.sandbox.flow;

import com.campaigns.sandbox.clock.BusinessClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The flow-file layout (documented in docs/sandbox.md; WeChat Pay's own is unpublished): UTF-8
 * without BOM, one header line of Chinese column names, CRLF line ends, every value prefixed with a
 * backtick as in WeChat Pay trade bills, amounts in yuan with two decimals, times in Asia/Shanghai.
 */
final class FlowCsv {

  static final List<String> USE_COLUMNS =
      List.of(
          "批次id", "优惠id", "优惠类型", "面额", "订单总金额", "交易类型", "支付单号", "消耗时间", "消耗商户号", "设备号", "银行流水号",
          "单品信息");
  static final List<String> REFUND_COLUMNS =
      List.of(
          "批次id", "优惠id", "优惠类型", "面额", "订单总金额", "交易类型", "支付单号", "消耗时间", "消耗商户号", "设备号", "银行流水号",
          "单品信息", "退款单号", "退款时间", "退款金额");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BusinessClock.SHANGHAI);

  private FlowCsv() {}

  static byte[] uses(List<UseRow> rows) {
    StringBuilder csv = header(USE_COLUMNS);
    for (UseRow row : rows) {
      line(csv, useValues(row, "支付"));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] refunds(List<RefundRow> rows) {
    StringBuilder csv = header(REFUND_COLUMNS);
    for (RefundRow row : rows) {
      String[] use = useValues(row.use(), "退款");
      String[] all = new String[use.length + 3];
      System.arraycopy(use, 0, all, 0, use.length);
      all[use.length] = row.refundId();
      all[use.length + 1] = time(row.refundTime());
      all[use.length + 2] = yuan(row.refundAmount());
      line(csv, all);
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String[] useValues(UseRow row, String tradeType) {
    return new String[] {
      row.stockId(),
      row.couponId(),
      row.couponType(),
      yuan(row.couponAmount()),
      yuan(row.orderAmount()),
      tradeType,
      row.transactionId(),
      time(row.consumeTime()),
      row.consumeMchid(),
      row.deviceNo(),
      row.bankSerialNo(),
      row.goodsInfo()
    };
  }

  private static StringBuilder header(List<String> columns) {
    return new StringBuilder(String.join(",", columns)).append("\r\n");
  }

  private static void line(StringBuilder csv, String[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append('`').append(values[i].replace(",", " "));
    }
    csv.append("\r\n");
  }

  static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }

  private static String time(Instant instant) {
    return TIME.format(instant);
  }
}
