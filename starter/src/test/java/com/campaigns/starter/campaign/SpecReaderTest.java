package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.starter.system.SpecRejected;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict reader and the canonical hash that makes a repeated start "the same spec". */
class SpecReaderTest {

  final SpecReader reader = new SpecReader();

  private byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void hashIgnoresKeyOrderWhitespaceAndNulls() {
    var a =
        reader.read(
            json(
                "{\"campaign_id\":\"h\",\"mchid\":\"1\",\"stock\":{\"coupon_amount\":5,\"comment\":null}}"));
    var b =
        reader.read(
            json(
                "{ \"stock\": {\"coupon_amount\": 5}, \"mchid\": \"1\", \"campaign_id\": \"h\" }"));

    assertThat(reader.hash(a)).isEqualTo(reader.hash(b)).hasSize(64);
  }

  @Test
  void hashChangesWithAnyValue() {
    var a = reader.read(json("{\"campaign_id\":\"h\",\"stock\":{\"coupon_amount\":5}}"));
    var b = reader.read(json("{\"campaign_id\":\"h\",\"stock\":{\"coupon_amount\":6}}"));

    assertThat(reader.hash(a)).isNotEqualTo(reader.hash(b));
  }

  @Test
  void numbersThatDoNotFitSayWhyWithTheirFigures() {
    assertThatThrownBy(
            () ->
                reader.read(
                    json(
                        "{\"stock\": {\"coupon_amount\": 5.00, \"transaction_minimum\": \"10\","
                            + " \"max_coupons\": 100000000000000000000},"
                            + " \"waves\": [{\"rate_per_second\": 3000000000}]}")))
        .isInstanceOfSatisfying(
            SpecRejected.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field() + ": " + v.message())
                    .containsExactlyInAnyOrder(
                        "stock.coupon_amount: amounts are in fen (whole numbers, 100 fen = ¥1.00):"
                            + " for ¥5.00 send 500",
                        "stock.transaction_minimum: must be a whole number of fen (500 = ¥5.00)",
                        "stock.max_coupons: is 100000000000000000000; must be at most 1000000000",
                        "waves[0].rate_per_second: is 3000000000; must be at most 500"));
  }

  @Test
  void duplicateKeysAndTrailingContentAreMalformed() {
    assertThatThrownBy(() -> reader.read(json("{\"mchid\":\"1\",\"mchid\":\"2\"}")))
        .isInstanceOfSatisfying(
            SpecRejected.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo("mchid");
                          assertThat(v.message()).startsWith("malformed JSON");
                        }));
    assertThatThrownBy(() -> reader.read(json("{\"mchid\":\"1\"} {}")))
        .isInstanceOf(SpecRejected.class);
  }

  @Test
  void canonicalJsonHasSortedKeysAndNoNulls() {
    var spec =
        reader.read(
            json(
                "{\"mchid\":\"1\",\"appid\":\"wx\",\"flows\":{\"download\":true},\"campaign_id\":null}"));

    assertThat(reader.canonical(spec))
        .isEqualTo("{\"appid\":\"wx\",\"flows\":{\"download\":true},\"mchid\":\"1\"}");
  }
}
