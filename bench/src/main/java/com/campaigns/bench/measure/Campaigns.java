package com.campaigns.bench.measure;

import com.campaigns.bench.stack.BenchStack;
import com.campaigns.bench.stack.Http;
import com.campaigns.cli.stack.StackProcess;
import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.StockSpec;
import com.campaigns.workflows.model.WaveSpec;
import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Campaigns as a marketer runs them: audiences uploaded and campaigns started through the REST API.
 */
public final class Campaigns {

  public static final long COUPON_AMOUNT = 100;
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  /** One wave to start: its audience and its rate (null: the merchant's ceiling). */
  public record Wave(String name, String audienceId, long recipients, Integer ratePerSecond) {}

  private final Http api;
  private final String runTag;

  public Campaigns(Http api, String runTag) {
    this.api = api;
    this.runTag = runTag;
  }

  /**
   * Uploads {@code count} fresh openids ({@code POST /api/v1/audiences}, one per line); answers the
   * audience id.
   */
  public String upload(String label, long count) {
    ByteArrayOutputStream body =
        new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, count * 24));
    for (long i = 0; i < count; i++) {
      body.writeBytes(openid(label, i).getBytes(StandardCharsets.US_ASCII));
      body.write('\n');
    }
    JsonNode receipt =
        api.post(
            "/api/v1/audiences",
            "text/plain",
            HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (receipt.path("count").asLong() != count) {
      throw new IllegalStateException(
          "audience " + label + " stored " + receipt.path("count") + " of " + count);
    }
    return receipt.path("audience_id").asText();
  }

  public String openid(String label, long i) {
    return "b" + runTag + "_" + label + "_" + i;
  }

  /**
   * Starts a campaign whose stock begins {@code lead} from now and ends {@code length} after that;
   * every wave starts at the beginning (waves of one campaign run one after another). The stock has
   * room for the waves' recipients plus {@code spareCoupons}.
   */
  public String start(
      String campaignId,
      Duration lead,
      Duration length,
      List<Wave> waves,
      boolean downloadFlows,
      long spareCoupons) {
    Instant begin = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    long maxCoupons = waves.stream().mapToLong(Wave::recipients).sum() + spareCoupons + 100;
    StockSpec stock =
        new StockSpec(
            "压测券",
            "bench " + campaignId,
            rfc3339(begin),
            rfc3339(begin.plus(length)),
            COUPON_AMOUNT,
            COUPON_AMOUNT * 2,
            maxCoupons,
            1,
            COUPON_AMOUNT * maxCoupons,
            null,
            false,
            List.of(BenchStack.MCHID),
            null,
            null,
            null,
            null);
    List<WaveSpec> waveSpecs =
        waves.stream()
            .map(
                w ->
                    new WaveSpec(
                        w.name(),
                        rfc3339(begin),
                        AudienceSpec.ofId(w.audienceId()),
                        w.ratePerSecond()))
            .toList();
    api.postJson(
        "/api/v1/campaigns",
        new CampaignSpec(
            campaignId,
            BenchStack.MCHID,
            BenchStack.APPID,
            stock,
            waveSpecs,
            null,
            new FlowSpec(downloadFlows, downloadFlows ? "PT0S" : null)));
    return campaignId;
  }

  /** One wave starting in 4 s on a stock open for a day: no flows downloaded, no spare coupons. */
  public String startOneWave(String campaignId, Wave wave) {
    return start(campaignId, Duration.ofSeconds(4), Duration.ofDays(1), List.of(wave), false, 0);
  }

  public JsonNode status(String campaignId) {
    return api.get("/api/v1/campaigns/" + campaignId);
  }

  /** Polls the status document until every wave is DONE; fails on a pause or an end. */
  public JsonNode awaitWavesDone(String campaignId, Duration timeout) {
    return await(
        campaignId,
        timeout,
        s -> {
          List<String> waves = new ArrayList<>();
          s.path("waves").forEach(w -> waves.add(w.path("status").asText()));
          return !waves.isEmpty() && waves.stream().allMatch("DONE"::equals);
        });
  }

  public JsonNode awaitTerminal(String campaignId, Duration timeout) {
    return await(campaignId, timeout, s -> TERMINAL.contains(s.path("status").asText()));
  }

  public void cancel(String campaignId) {
    api.postJson(
        "/api/v1/campaigns/" + campaignId + "/cancel",
        Http.JSON.createObjectNode().put("reason", "bench"));
  }

  private JsonNode await(
      String campaignId, Duration timeout, java.util.function.Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode s = status(campaignId);
      if (done.test(s)) {
        return s;
      }
      String status = s.path("status").asText();
      if ("PAUSED".equals(status) || TERMINAL.contains(status)) {
        throw new IllegalStateException(
            "campaign "
                + campaignId
                + " is "
                + status
                + ": "
                + s.path("pause")
                + s.path("failure"));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "campaign " + campaignId + " not done after " + timeout + ": " + s);
      }
      StackProcess.sleep(1000);
    }
  }

  public static String rfc3339(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(8))
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
