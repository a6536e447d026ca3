package com.campaigns.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StockStatusTest {

  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({
    "unactivated, UNACTIVATED",
    "audit, AUDIT",
    "running, RUNNING",
    "paused, PAUSED",
    "stoped, STOPPED",
    "expired, EXPIRED"
  })
  void readsAndWritesWechatPaysSpelling(String wechat, StockStatus status) throws Exception {
    assertThat(StockStatus.of(wechat)).isEqualTo(status);
    assertThat(json.writeValueAsString(status)).isEqualTo("\"" + wechat + "\"");
    assertThat(json.readValue("\"" + wechat + "\"", StockStatus.class)).isEqualTo(status);
  }

  @ParameterizedTest
  @CsvSource({"stopped", "RUNNING", "checking"})
  void aStatusTheDocsDoNotListIsUnknownRatherThanAnError(String wechat) throws Exception {
    assertThat(StockStatus.of(wechat)).isEqualTo(StockStatus.UNKNOWN);
    assertThat(json.readValue("\"" + wechat + "\"", StockStatus.class))
        .isEqualTo(StockStatus.UNKNOWN);
  }

  @org.junit.jupiter.api.Test
  void stateWithAStockStatusRoundTripsThroughContinueAsNewJson() throws Exception {
    CampaignState state = new CampaignState();
    state.stockStatus = StockStatus.STOPPED;
    String text = json.writeValueAsString(state);
    assertThat(text).contains("\"stock_status\":\"stoped\"");
    assertThat(json.readValue(text, CampaignState.class).stockStatus)
        .isEqualTo(StockStatus.STOPPED);
  }
}
