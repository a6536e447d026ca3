package com.campaigns.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Campaigns as a marketer runs them: audiences uploaded and campaigns started through the REST API. */
final class Campaigns {

  static final long COUPON_AMOUNT = 100;
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  /** One wave to start: its audience and its rate (null: the merchant's ceiling). */
  record Wave(String name, String audienceId, long recipients, Integer ratePerSecond) {}

  private final Http api;
  private final String runTag;

  Campaigns(Http api, String runTag) {
    this.api = api;
    this.runTag = runTag;
  }

  /** Uploads {@code count} fresh openids ({@code POST /api/v1/audiences}, one per line); answers the audience id. */
  String upload(String label, long count) {
    ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, count * 24));
    for (long i = 0; i < count; i++) {
      body.writeBytes(openid(label, i).getBytes(StandardCharsets.US_ASCII));
      body.write('\n');
    }
    JsonNode receipt = api.post("/api/v1/audiences", "text/plain", HttpRequest.BodyPublishers.ofByteArray(
        body.toByteArray()));
    if (receipt.path("count").asLong() != count) {
      throw new IllegalStateException("audience " + label + " stored " + receipt.path("count") + " of " + count);
    }
    return receipt.path("audience_id").asText();
  }

  String openid(String label, long i) {
    return "b" + runTag + "_" + label + "_" + i;
  }

  /**
   * Starts a campaign whose stock begins {@code lead} from now and ends {@code length} after that;
   * every wave starts at the beginning (waves of one campaign run one after another).
   */
  String start(String campaignId, Duration lead, Duration length, List<Wave> waves, boolean downloadFlows) {
    Instant begin = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    long recipients = waves.stream().mapToLong(Wave::recipients).sum();
    ObjectNode spec = Http.JSON.createObjectNode();
    spec.put("campaign_id", campaignId);
    spec.put("mchid", BenchStack.MCHID);
    spec.put("appid", BenchStack.APPID);
    ObjectNode stock = spec.putObject("stock");
    stock.put("stock_name", "压测券");
    stock.put("comment", "bench " + campaignId);
    stock.put("available_begin_time", rfc3339(begin));
    stock.put("available_end_time", rfc3339(begin.plus(length)));
    stock.put("coupon_amount", COUPON_AMOUNT);
    stock.put("transaction_minimum", COUPON_AMOUNT * 2);
    stock.put("max_coupons", recipients + 100);
    stock.put("max_coupons_per_user", 1);
    stock.put("max_amount", COUPON_AMOUNT * (recipients + 100));
    stock.put("no_cash", false);
    stock.putArray("available_merchants").add(BenchStack.MCHID);
    ArrayNode array = spec.putArray("waves");
    for (Wave w : waves) {
      ObjectNode wave = array.addObject();
      wave.put("name", w.name());
      wave.put("start_at", rfc3339(begin));
      wave.putObject("audience").put("audience_id", w.audienceId());
      if (w.ratePerSecond() != null) {
        wave.put("rate_per_second", w.ratePerSecond());
      }
    }
    ObjectNode flows = spec.putObject("flows");
    flows.put("download", downloadFlows);
    if (downloadFlows) {
      flows.put("ready_after", "PT0S");
    }
    api.postJson("/api/v1/campaigns", spec);
    return campaignId;
  }

  JsonNode status(String campaignId) {
    return api.get("/api/v1/campaigns/" + campaignId);
  }

  /** Polls the status document until every wave is DONE; fails on a pause or an end. */
  JsonNode awaitWavesDone(String campaignId, Duration timeout) {
    return await(campaignId, timeout, s -> {
      List<String> waves = new ArrayList<>();
      s.path("waves").forEach(w -> waves.add(w.path("status").asText()));
      return !waves.isEmpty() && waves.stream().allMatch("DONE"::equals);
    });
  }

  JsonNode awaitTerminal(String campaignId, Duration timeout) {
    return await(campaignId, timeout, s -> TERMINAL.contains(s.path("status").asText()));
  }

  void cancel(String campaignId) {
    api.postJson("/api/v1/campaigns/" + campaignId + "/cancel", Http.JSON.createObjectNode().put("reason", "bench"));
  }

  private JsonNode await(String campaignId, Duration timeout, java.util.function.Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode s = status(campaignId);
      if (done.test(s)) {
        return s;
      }
      String status = s.path("status").asText();
      if ("PAUSED".equals(status) || TERMINAL.contains(status)) {
        throw new IllegalStateException("campaign " + campaignId + " is " + status + ": " + s.path("pause")
            + s.path("failure"));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("campaign " + campaignId + " not done after " + timeout + ": " + s);
      }
      Proc.sleep(1000);
    }
  }

  static String rfc3339(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(8)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
