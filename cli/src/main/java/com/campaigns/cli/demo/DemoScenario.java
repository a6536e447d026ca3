package com.campaigns.cli.demo;

import com.campaigns.cli.JsonHttp;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample campaign: one stock that begins {@code lead} after now and lasts {@code duration}, two
 * waves a few seconds apart (one audience inline, one uploaded), and a budget threshold at 50% of
 * the stock that pauses issuance and restarts it automatically {@code resumeAfter} later.
 *
 * <p>The uploaded list shows what the API does with real-world lists: a few duplicate lines and one
 * line that is not an openid are dropped, a few openids of the first wave are there again (WeChat
 * Pay refuses them with RULE_LIMIT, one coupon per user), and a few accounts the sandbox treats as
 * abnormal are refused with USER_ACCOUNT_ABNORMAL.
 */
public final class DemoScenario {

  public static final String MCHID = "1900000001";
  public static final String APPID = "wx0000000000000001";
  static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  static final long COUPON_AMOUNT = 100;
  static final double THRESHOLD_PERCENT = 50;
  static final int OVERLAP = 10;
  static final int ABNORMAL = 3;
  static final int DUPLICATES = 5;

  /** Knobs of the scenario, all with demo-sized defaults. */
  public record Settings(
      int inlineRecipients,
      int uploadedRecipients,
      int ratePerSecond,
      Duration lead,
      Duration duration,
      Duration secondWaveOffset,
      Duration resumeAfter,
      Duration flowsReadyAfter) {

    public static Settings defaults() {
      return new Settings(
          300,
          900,
          50,
          Duration.ofSeconds(25),
          Duration.ofSeconds(120),
          Duration.ofSeconds(10),
          Duration.ofSeconds(20),
          Duration.ofSeconds(5));
    }
  }

  private final String campaignId;
  private final Settings settings;
  private final Instant begin;
  private final Instant end;
  private final List<String> inline;
  private final List<String> uploaded;

  private DemoScenario(
      String campaignId,
      Settings settings,
      Instant begin,
      List<String> inline,
      List<String> uploaded) {
    this.campaignId = campaignId;
    this.settings = settings;
    this.begin = begin;
    this.end = begin.plus(settings.duration());
    this.inline = inline;
    this.uploaded = uploaded;
  }

  /** A scenario whose stock begins {@code settings.lead()} after {@code now} (whole seconds). */
  public static DemoScenario at(Instant now, Settings settings) {
    Instant begin = now.plus(settings.lead()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    String run =
        DateTimeFormatter.ofPattern("MMddHHmmss").format(OffsetDateTime.ofInstant(now, CHINA));
    String campaignId = "demo-" + run;
    List<String> inline = new ArrayList<>();
    for (int i = 1; i <= settings.inlineRecipients(); i++) {
      inline.add(String.format("o_demo%s_vip%04d", run, i));
    }
    List<String> uploaded = new ArrayList<>();
    int fresh = settings.uploadedRecipients() - OVERLAP - ABNORMAL;
    for (int i = 1; i <= fresh; i++) {
      uploaded.add(String.format("o_demo%s_all%05d", run, i));
    }
    uploaded.addAll(inline.subList(0, Math.min(OVERLAP, inline.size())));
    for (int i = 1; i <= ABNORMAL; i++) {
      uploaded.add(String.format("abnormal_demo%s_%d", run, i));
    }
    return new DemoScenario(campaignId, settings, begin, inline, uploaded);
  }

  public String campaignId() {
    return campaignId;
  }

  public Instant begin() {
    return begin;
  }

  public Instant end() {
    return end;
  }

  public List<String> inlineOpenids() {
    return inline;
  }

  /** Distinct openids of the uploaded list. */
  public List<String> uploadedOpenids() {
    return uploaded;
  }

  public int recipients() {
    return inline.size() + uploaded.size();
  }

  /** What the campaign should issue: every recipient but the repeated and the abnormal ones. */
  public long expectedIssued() {
    return recipients() - Math.min(OVERLAP, inline.size()) - ABNORMAL;
  }

  /** The upload body: one openid per line, with duplicates, a blank line and one invalid line. */
  public String uploadBody() {
    StringBuilder b = new StringBuilder("openid\n");
    for (String openid : uploaded) {
      b.append(openid).append('\n');
    }
    for (int i = 0; i < DUPLICATES && i < uploaded.size(); i++) {
      b.append(uploaded.get(i * 7 % uploaded.size())).append('\n');
    }
    b.append('\n').append("not an openid!").append('\n');
    return b.toString();
  }

  /** The campaign spec of SPEC §4, the second wave taking the uploaded audience. */
  public ObjectNode spec(String audienceId) {
    ObjectNode spec = JsonHttp.JSON.createObjectNode();
    spec.put("campaign_id", campaignId);
    spec.put("mchid", MCHID);
    spec.put("appid", APPID);
    long maxCoupons = Math.max(1500, recipients() + 300L);
    ObjectNode stock = spec.putObject("stock");
    stock.put("stock_name", "新客演示券");
    stock.put("comment", "campaigns demo " + campaignId);
    stock.put("available_begin_time", rfc3339(begin));
    stock.put("available_end_time", rfc3339(end));
    stock.put("coupon_amount", COUPON_AMOUNT);
    stock.put("transaction_minimum", COUPON_AMOUNT * 2);
    stock.put("max_coupons", maxCoupons);
    stock.put("max_coupons_per_user", 1);
    stock.put("max_amount", COUPON_AMOUNT * maxCoupons);
    stock.put("no_cash", false);
    stock.putArray("available_merchants").add(MCHID);
    ArrayNode waves = spec.putArray("waves");
    ObjectNode vip = waves.addObject();
    vip.put("name", "vip");
    vip.put("start_at", rfc3339(begin));
    ArrayNode openids = vip.putObject("audience").putArray("openids");
    inline.forEach(openids::add);
    vip.put("rate_per_second", settings.ratePerSecond());
    ObjectNode all = waves.addObject();
    all.put("name", "all");
    all.put("start_at", rfc3339(begin.plus(settings.secondWaveOffset())));
    all.putObject("audience").put("audience_id", audienceId);
    all.put("rate_per_second", settings.ratePerSecond());
    ObjectNode threshold = spec.putObject("budget_guard").putArray("thresholds").addObject();
    threshold.put("metric", "issued_amount");
    threshold.put("percent", THRESHOLD_PERCENT);
    threshold.put("resume", "after");
    threshold.put("resume_after", settings.resumeAfter().toString());
    ObjectNode flows = spec.putObject("flows");
    flows.put("download", true);
    flows.put("ready_after", settings.flowsReadyAfter().toString());
    return spec;
  }

  static String rfc3339(Instant instant) {
    return OffsetDateTime.ofInstant(instant, CHINA)
        .truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
