package com.campaigns.activities.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.ledger.FlowRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowFileParserTest {

  static List<FlowRow> parse(String csv) throws IOException {
    return FlowFileParser.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheSandboxUseFlowWithBackticksAndYuan() throws IOException {
    var rows =
        parse(
            "批次id,优惠id,优惠类型,面额,订单总金额,交易类型,支付单号,消耗时间,消耗商户号,设备号,银行流水号,单品信息\r\n"
                + "`1764200000001,`1764200000123001,`全场代金券,`5.00,`12.34,`支付,`4200012345678901234567890123,"
                + "`2026-12-02 10:00:00,`1900000001,`,`,`\r\n");
    assertThat(rows).hasSize(1);
    var r = rows.get(0);
    assertThat(r.stockId()).isEqualTo("1764200000001");
    assertThat(r.couponId()).isEqualTo("1764200000123001");
    assertThat(r.couponAmount()).isEqualTo(500);
    assertThat(r.orderAmount()).isEqualTo(1234);
    assertThat(r.transactionId()).isEqualTo("4200012345678901234567890123");
    assertThat(r.eventTime()).isEqualTo("2026-12-02 10:00:00");
    assertThat(r.mchid()).isEqualTo("1900000001");
    assertThat(r.lineNo()).isEqualTo(2);
  }

  @Test
  void toleratesColumnOrderUnknownColumnsBomAndMissingBackticks() throws IOException {
    var rows =
        parse(
            "\uFEFF新列,退款金额,优惠id,面额,退款单号,退款时间\n" + "x,`12.34,C9,0.10,503001,`2026-12-03 11:00:00\n");
    assertThat(rows.get(0).couponId()).isEqualTo("C9");
    assertThat(rows.get(0).couponAmount()).isEqualTo(10);
    assertThat(rows.get(0).refundAmount()).isEqualTo(1234);
    assertThat(rows.get(0).refundNo()).isEqualTo("503001");
    assertThat(rows.get(0).eventTime()).isEqualTo("2026-12-03 11:00:00");
  }

  @Test
  void aFileWithoutCouponColumnIsRefused() {
    assertThatThrownBy(() -> parse("a,b\n1,2\n"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("优惠id");
  }

  @Test
  void yuanBecomeFenExactly() {
    assertThat(FlowFileParser.fen("0.01")).isEqualTo(1);
    assertThat(FlowFileParser.fen("1000.00")).isEqualTo(100_000);
    assertThat(FlowFileParser.fen(null)).isNull();
  }
}
