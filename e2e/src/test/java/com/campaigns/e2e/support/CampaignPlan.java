package com.campaigns.e2e.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign on wall-clock time, sized for a real server: the stock begins {@code lead} after now,
 * waves start at offsets from the begin and run at a few hundred coupons per second, the stock ends
 * {@code duration} after the begin and the flow files are fetched right after (the sandbox runs
 * with {@code --sandbox.flow.ready=after-end}).
 */
public final class CampaignPlan {

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  public static final long COUPON_AMOUNT = 100;

  /** One wave: its recipients, its start after the stock's begin and its rate. */
  public record Wave(String name, Duration offset, List<String> openids, int ratePerSecond) {}

  private final String campaignId;
  private final Instant begin;
  private final Instant end;
  private final List<Wave> waves = new ArrayList<>();
  private String mchid = SandboxClient.MCHID;
  private String appid = "wx0000000000000001";
  private int maxCouponsPerUser = 1;
  private Integer issuedThresholdPercent;
  private boolean wholeCoupon;

  /** Waves whose recipients were uploaded as an audience (wave index → audience id). */
  private final Map<Integer, String> audienceIds = new LinkedHashMap<>();

  private CampaignPlan(String campaignId, Instant begin, Instant end) {
    this.campaignId = campaignId;
    this.begin = begin;
    this.end = end;
  }

  /** A campaign id unique to this run ({@code <prefix>-<HHmmss>}). */
  public static CampaignPlan create(String prefix, Duration lead, Duration duration) {
    String id =
        prefix + "-" + DateTimeFormatter.ofPattern("HHmmss").format(OffsetDateTime.now(CHINA));
    Instant begin = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    return new CampaignPlan(id, begin, begin.plus(duration));
  }

  /** A campaign whose id is exactly {@code campaignId} (unique per run: the caller's concern). */
  public static CampaignPlan named(String campaignId, Duration lead, Duration duration) {
    Instant begin = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    return new CampaignPlan(campaignId, begin, begin.plus(duration));
  }

  /** Another of the sandbox's merchants and one of its appids. */
  public CampaignPlan merchant(String mchid, String appid) {
    this.mchid = mchid;
    this.appid = appid;
    return this;
  }

  /**
   * Coupons one openid may hold. Above 1, WeChat Pay itself would accept a second coupon for the
   * same person, so only our idempotency stands between a retry and a duplicate.
   */
  public CampaignPlan maxCouponsPerUser(int max) {
    this.maxCouponsPerUser = max;
    return this;
  }

  /**
   * A budget threshold: pause (resume manual) when the issued amount reaches {@code percent} of
   * max_amount.
   */
  public CampaignPlan issuedThreshold(int percent) {
    this.issuedThresholdPercent = percent;
    return this;
  }

  /**
   * The stock carries every field a marketer sets on a real one: the coupon's look (pattern_info)
   * and its use rules (goods tag, trade types, no combining, two single items, every day all day,
   * so redemptions at any time qualify).
   */
  public CampaignPlan wholeCoupon() {
    this.wholeCoupon = true;
    return this;
  }

  /** The single items of a {@link #wholeCoupon()} stock. */
  public static final List<String> ITEMS = List.of("sku-e2e-1", "sku-e2e-2");

  /** Wave {@code index} names an uploaded audience instead of listing its openids inline. */
  public CampaignPlan useAudience(int index, String audienceId) {
    audienceIds.put(index, audienceId);
    return this;
  }

  public String mchid() {
    return mchid;
  }

  public String appid() {
    return appid;
  }

  /** The stock's max_amount in fen (max_coupons × coupon_amount). */
  public long maxAmount() {
    return COUPON_AMOUNT * maxCoupons();
  }

  private long maxCoupons() {
    return recipients() * 2L + 100;
  }

  /**
   * Adds a wave of {@code count} fresh openids ({@code o_<campaign>_<wave><n>}) plus {@code extra}
   * ones.
   */
  public CampaignPlan wave(
      String name, Duration offset, int count, int ratePerSecond, String... extra) {
    List<String> openids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      openids.add(String.format("o_%s_%s%05d", campaignId.replace('-', '_'), name, i));
    }
    openids.addAll(List.of(extra));
    waves.add(new Wave(name, offset, openids, ratePerSecond));
    return this;
  }

  public String campaignId() {
    return campaignId;
  }

  public String workflowId() {
    return "campaign-" + campaignId;
  }

  public Instant begin() {
    return begin;
  }

  public Instant end() {
    return end;
  }

  public List<Wave> waves() {
    return waves;
  }

  public int recipients() {
    return waves.stream().mapToInt(w -> w.openids().size()).sum();
  }

  /** The same campaign seen through some of its waves only (for checks of a campaign cut short). */
  public CampaignPlan onlyWaves(int... indexes) {
    CampaignPlan copy = new CampaignPlan(campaignId, begin, end);
    copy.mchid = mchid;
    copy.appid = appid;
    for (int i : indexes) {
      copy.waves.add(waves.get(i));
    }
    return copy;
  }

  /** Recipients by wave index, as the exactly-once check takes them. */
  public Map<Integer, List<String>> recipientsByWave() {
    Map<Integer, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < waves.size(); i++) {
      out.put(i, waves.get(i).openids());
    }
    return out;
  }

  /** The campaign spec of SPEC §4, audiences inline (the API stores them as audiences). */
  public ObjectNode spec() {
    ObjectNode spec = Http.JSON.createObjectNode();
    spec.put("campaign_id", campaignId);
    spec.put("mchid", mchid);
    spec.put("appid", appid);
    long maxCoupons = maxCoupons();
    ObjectNode stock = spec.putObject("stock");
    stock.put("stock_name", "运维演练券");
    stock.put("comment", "e2e " + campaignId);
    stock.put("available_begin_time", rfc3339(begin));
    stock.put("available_end_time", rfc3339(end));
    stock.put("coupon_amount", COUPON_AMOUNT);
    stock.put("transaction_minimum", COUPON_AMOUNT * 2);
    stock.put("max_coupons", maxCoupons);
    stock.put("max_coupons_per_user", maxCouponsPerUser);
    stock.put("max_amount", COUPON_AMOUNT * maxCoupons);
    stock.put("no_cash", false);
    stock.putArray("available_merchants").add(mchid);
    if (wholeCoupon) {
      ObjectNode pattern = stock.putObject("pattern_info");
      pattern.put("description", "满额可用，每人限领一张；不与其他优惠同享");
      pattern.put("merchant_name", "演练商户");
      pattern.put("merchant_logo", "https://wxpaylogo.qpic.cn/wxpaylogo/e2e-logo/0");
      pattern.put("coupon_image", "https://wxpaylogo.qpic.cn/wxpaylogo/e2e-image/0");
      pattern.put("background_color", "COLOR010");
      stock.putArray("goods_tag").add("e2e_sale");
      stock.putArray("trade_type").add("MICROAPP").add("APPPAY").add("PPAY");
      stock.put("combine_use", false);
      ArrayNode items = stock.putArray("available_items");
      ITEMS.forEach(items::add);
      ObjectNode week = stock.putObject("fix_available_time");
      ArrayNode days = week.putArray("available_week_day");
      for (int d = 0; d <= 6; d++) {
        days.add(d);
      }
      week.put("begin_time", 0);
      week.put("end_time", 86_400);
      stock.put("second_day_available", false);
    }
    ArrayNode list = spec.putArray("waves");
    for (int i = 0; i < waves.size(); i++) {
      Wave w = waves.get(i);
      ObjectNode wave = list.addObject();
      wave.put("name", w.name());
      wave.put("start_at", rfc3339(begin.plus(w.offset())));
      if (audienceIds.containsKey(i)) {
        wave.putObject("audience").put("audience_id", audienceIds.get(i));
      } else {
        ArrayNode openids = wave.putObject("audience").putArray("openids");
        w.openids().forEach(openids::add);
      }
      wave.put("rate_per_second", w.ratePerSecond());
    }
    if (issuedThresholdPercent != null) {
      ObjectNode threshold = spec.putObject("budget_guard").putArray("thresholds").addObject();
      threshold.put("metric", "issued_amount");
      threshold.put("percent", issuedThresholdPercent);
      threshold.put("resume", "manual");
    }
    ObjectNode flows = spec.putObject("flows");
    flows.put("download", true);
    flows.put("ready_after", "PT2S");
    return spec;
  }

  static String rfc3339(Instant instant) {
    return OffsetDateTime.ofInstant(instant, CHINA)
        .truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
