package com.campaigns.starter.console;

import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A valid campaign spec to start from: the SPEC's example, its times moved to the near future. */
final class SampleSpec {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SampleSpec() {}

  static String at(Instant now, String mchid, String appid) {
    Instant begin = now.plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MINUTES);
    ObjectNode spec = JSON.createObjectNode();
    spec.put(
        "campaign_id",
        "spring-" + now.atZone(ShanghaiTime.ZONE).toLocalDate().toString().replace("-", ""));
    spec.put("mchid", mchid);
    spec.put("appid", appid);
    ObjectNode stock = spec.putObject("stock");
    stock.put("stock_name", "春季满减券");
    stock.put("comment", "spring promotion");
    stock.put("available_begin_time", ShanghaiTime.rfc3339(begin));
    stock.put("available_end_time", ShanghaiTime.rfc3339(begin.plus(Duration.ofDays(7))));
    stock.put("coupon_amount", 500);
    stock.put("transaction_minimum", 1000);
    stock.put("max_coupons", 100_000);
    stock.put("max_coupons_per_user", 1);
    stock.put("max_amount_by_day", 20_000_000);
    stock.put("no_cash", false);
    stock.putArray("available_merchants").add(mchid);
    ArrayNode waves = spec.putArray("waves");
    ObjectNode vip = waves.addObject();
    vip.put("name", "vip");
    vip.put("start_at", ShanghaiTime.rfc3339(begin));
    vip.putObject("audience").putArray("openids").add("o-vip-1").add("o-vip-2").add("o-vip-3");
    vip.put("rate_per_second", 200);
    ObjectNode all = waves.addObject();
    all.put("name", "all");
    all.put("start_at", ShanghaiTime.rfc3339(begin.plus(Duration.ofDays(2))));
    all.putObject("audience").putArray("openids").add("o-all-1").add("o-all-2");
    ArrayNode thresholds = spec.putObject("budget_guard").putArray("thresholds");
    ObjectNode issued = thresholds.addObject();
    issued.put("metric", "issued_amount");
    issued.put("percent", 80);
    issued.put("resume", "manual");
    ObjectNode used = thresholds.addObject();
    used.put("metric", "used_amount");
    used.put("percent", 50);
    used.put("resume", "next_day");
    spec.putObject("flows").put("download", true);
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
