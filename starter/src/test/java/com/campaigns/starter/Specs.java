package com.campaigns.starter;

import com.campaigns.workflows.rules.ShanghaiTime;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Campaign specs as the marketer sends them (JSON), valid by default; each test changes what it is
 * about. Times are relative to the Temporal test environment's clock, which the sandbox follows.
 */
public final class Specs {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Specs() {}

  /** Starts {@code lead} after {@code now}, lasts {@code length}, one wave of inline openids. */
  public static ObjectNode sample(
      String campaignId, Instant now, Duration lead, Duration length, List<String> openids) {
    Instant begin = now.plus(lead);
    ObjectNode spec = JSON.createObjectNode();
    if (campaignId != null) {
      spec.put("campaign_id", campaignId);
    }
    spec.put("mchid", "1900000001");
    spec.put("appid", "wx0000000000000001");
    ObjectNode stock = spec.putObject("stock");
    stock.put("stock_name", "春季满减券");
    stock.put("comment", "spring promotion");
    stock.put("available_begin_time", ShanghaiTime.rfc3339(begin));
    stock.put("available_end_time", ShanghaiTime.rfc3339(begin.plus(length)));
    stock.put("coupon_amount", 500);
    stock.put("transaction_minimum", 1000);
    stock.put("max_coupons", 10_000);
    stock.put("max_coupons_per_user", 1);
    stock.put("no_cash", false);
    stock.putArray("available_merchants").add("1900000001");
    ArrayNode waves = spec.putArray("waves");
    ObjectNode wave = waves.addObject();
    wave.put("name", "vip");
    wave.put("start_at", ShanghaiTime.rfc3339(begin));
    ArrayNode ids = wave.putObject("audience").putArray("openids");
    openids.forEach(ids::add);
    wave.put("rate_per_second", 200);
    ObjectNode threshold = spec.putObject("budget_guard").putArray("thresholds").addObject();
    threshold.put("metric", "issued_amount");
    threshold.put("percent", 80);
    threshold.put("resume", "manual");
    spec.putObject("flows").put("download", true).put("ready_after", "PT1M");
    return spec;
  }

  /** A campaign far enough ahead (60 days) that no other test's time skipping reaches it. */
  public static ObjectNode farAhead(String campaignId, Instant now) {
    return sample(
        campaignId,
        now,
        Duration.ofDays(60),
        Duration.ofDays(10),
        openids("o-" + campaignId + "-", 3));
  }

  public static List<String> openids(String prefix, int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }
}
