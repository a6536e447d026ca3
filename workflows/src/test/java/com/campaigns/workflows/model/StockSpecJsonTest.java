package com.campaigns.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stock spec in its wire form: WeChat Pay's field names, and specs written before them. */
class StockSpecJsonTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant BEGIN = Instant.parse("2026-12-03T02:00:00Z");

  @Test
  void theWholeCouponTravelsUnderWeChatPaysNames() throws Exception {
    StockSpec whole = CampaignSpecs.wholeStock(BEGIN, BEGIN.plus(Duration.ofDays(3)), 100, 100);
    JsonNode tree = JSON.valueToTree(whole);
    assertThat(tree.at("/pattern_info/background_color").asText()).isEqualTo("COLOR020");
    assertThat(tree.at("/fix_available_time/available_week_day").size()).isEqualTo(5);
    assertThat(tree.at("/trade_type/1").asText()).isEqualTo("APPPAY");
    assertThat(tree.has("second_day_available")).isTrue();
    assertThat(JSON.treeToValue(tree, StockSpec.class)).isEqualTo(whole);
  }

  @Test
  void aSpecWithoutTheNewFieldsReadsAsBeforeAndWritesNoneOfThem() throws Exception {
    StockSpec plain = CampaignSpecs.stock(BEGIN, BEGIN.plus(Duration.ofDays(3)), 100, 100);
    String json = JSON.writeValueAsString(plain);
    assertThat(json).doesNotContain("pattern_info").doesNotContain("goods_tag");
    StockSpec read = JSON.readValue(json, StockSpec.class);
    assertThat(read).isEqualTo(plain);
    assertThat(read.patternInfo()).isNull();
  }
}
