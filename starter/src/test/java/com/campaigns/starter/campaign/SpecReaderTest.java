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
