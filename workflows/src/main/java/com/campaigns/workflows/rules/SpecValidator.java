package com.campaigns.workflows.rules;

import com.campaigns.workflows.model.AudienceSpec;
import com.campaigns.workflows.model.BudgetGuardSpec;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.model.FlowSpec;
import com.campaigns.workflows.model.ThresholdSpec;
import com.campaigns.workflows.model.WaveSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a campaign spec against every rule WeChat Pay applies to create-stock (API docs and the
 * seed FAQ) and the product's own rules, and reports every violation, not just the first. Used by
 * the API's validate call and again by the workflow before anything reaches WeChat Pay.
 */
public final class SpecValidator {

  public static final Pattern CAMPAIGN_ID = Pattern.compile("^[A-Za-z0-9_-]{1,48}$");
  public static final Pattern OPENID = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");
  static final Pattern MCHID = Pattern.compile("^[0-9]{1,20}$");
  private static final Pattern APPID = Pattern.compile("^[A-Za-z0-9_]{1,32}$");

  /**
   * WeChat Pay's documented send-coupon limit per merchant, the default ceiling of every merchant.
   * A deployment may configure another ceiling per merchant (the registry's rate-limit-per-second).
   */
  public static final int MAX_RATE_PER_SECOND = 500;

  public static final int MAX_INLINE_OPENIDS = 10_000;
  private static final int MAX_WAVES = 100;

  /**
   * What the validator needs to know beyond the spec.
   *
   * @param now the current time (creation must not start in the past)
   * @param audienceCounts recipients of a stored audience id, or null when there is no such
   *     audience
   * @param merchantAppids the appids a registered merchant may send with; null when the merchant is
   *     not registered; the whole function null to skip merchant checks
   * @param merchantRateLimit the merchant's shared send-coupon ceiling per second
   */
  public record Context(
      Instant now,
      Function<String, Long> audienceCounts,
      Function<String, Set<String>> merchantAppids,
      int merchantRateLimit) {

    public static Context at(Instant now) {
      return new Context(now, id -> null, null, MAX_RATE_PER_SECOND);
    }

    public Context withAudiences(Map<String, Long> counts) {
      return new Context(now, counts::get, merchantAppids, merchantRateLimit);
    }

    public Context withAudiences(Function<String, Long> counts) {
      return new Context(now, counts, merchantAppids, merchantRateLimit);
    }

    public Context withMerchants(Function<String, Set<String>> appids, int rateLimit) {
      return new Context(now, audienceCounts, appids, rateLimit);
    }
  }

  private SpecValidator() {}

  public static List<Violation> validate(CampaignSpec spec, Context context) {
    List<Violation> out = new ArrayList<>();
    if (spec == null) {
      out.add(new Violation("", "the campaign spec is required"));
      return out;
    }
    if (spec.campaignId() != null && !CAMPAIGN_ID.matcher(spec.campaignId()).matches()) {
      out.add(new Violation("campaign_id", "must match ^[A-Za-z0-9_-]{1,48}$"));
    }
    validateMerchant(spec, context, out);
    StockSpecValidator.Window window =
        StockSpecValidator.validate(spec.stock(), context.now(), out);
    validateWaves(spec.waves(), window, context, out);
    validateBudgetGuard(spec.budgetGuard(), out);
    validateFlows(spec.flows(), out);
    return out;
  }

  private static void validateMerchant(CampaignSpec spec, Context context, List<Violation> out) {
    if (blank(spec.mchid())) {
      out.add(new Violation("mchid", "is required"));
    } else if (!MCHID.matcher(spec.mchid()).matches()) {
      out.add(new Violation("mchid", "must be 1 to 20 digits"));
    }
    if (blank(spec.appid())) {
      out.add(new Violation("appid", "is required"));
    } else if (!APPID.matcher(spec.appid()).matches()) {
      out.add(new Violation("appid", "must be 1 to 32 letters, digits or underscores"));
    }
    if (context.merchantAppids() != null && !blank(spec.mchid())) {
      Set<String> appids = context.merchantAppids().apply(spec.mchid());
      if (appids == null) {
        out.add(new Violation("mchid", "merchant " + spec.mchid() + " is not registered"));
      } else if (!blank(spec.appid()) && !appids.contains(spec.appid())) {
        out.add(
            new Violation(
                "appid",
                "appid "
                    + spec.appid()
                    + " is not bound to merchant "
                    + spec.mchid()
                    + " (APPID_MCHID_NOT_MATCH)"));
      }
    }
  }

  private static void validateWaves(
      List<WaveSpec> waves,
      StockSpecValidator.Window window,
      Context context,
      List<Violation> out) {
    if (waves == null || waves.isEmpty()) {
      out.add(new Violation("waves", "at least one wave is required"));
      return;
    }
    if (waves.size() > MAX_WAVES) {
      out.add(new Violation("waves", "at most " + MAX_WAVES + " waves are allowed"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < waves.size(); i++) {
      String path = "waves[" + i + "]";
      WaveSpec wave = waves.get(i);
      if (wave == null) {
        out.add(new Violation(path, "must not be null"));
        continue;
      }
      if (blank(wave.name())) {
        out.add(new Violation(path + ".name", "is required"));
      } else {
        if (wave.name().length() > 32 || wave.name().chars().anyMatch(Character::isISOControl)) {
          out.add(new Violation(path + ".name", "must be at most 32 printable characters"));
        }
        if (!names.add(wave.name())) {
          out.add(new Violation(path + ".name", "duplicates the name of an earlier wave"));
        }
      }
      Optional<Instant> start = parseTime(path + ".start_at", wave.startAt(), out);
      if (start.isPresent()
          && window != null
          && (start.get().isBefore(window.begin()) || !start.get().isBefore(window.end()))) {
        out.add(
            new Violation(path + ".start_at", "must lie within the stock's availability window"));
      }
      validateAudience(path + ".audience", wave.audience(), context, out);
      if (wave.ratePerSecond() != null) {
        int ceiling = context.merchantRateLimit();
        if (wave.ratePerSecond() < 1 || wave.ratePerSecond() > ceiling) {
          out.add(new Violation(path + ".rate_per_second", "must be between 1 and " + ceiling));
        }
      }
    }
  }

  private static void validateAudience(
      String path, AudienceSpec audience, Context context, List<Violation> out) {
    if (audience == null) {
      out.add(new Violation(path, "is required: give openids or an audience_id"));
      return;
    }
    boolean inline = audience.openids() != null;
    boolean stored = audience.audienceId() != null;
    if (inline == stored) {
      out.add(new Violation(path, "give exactly one of openids or audience_id"));
      return;
    }
    if (stored) {
      if (context.audienceCounts().apply(audience.audienceId()) == null) {
        out.add(new Violation(path + ".audience_id", "unknown audience " + audience.audienceId()));
      }
      return;
    }
    List<String> openids = audience.openids();
    if (openids.isEmpty()) {
      out.add(new Violation(path + ".openids", "must not be empty"));
    }
    if (openids.size() > MAX_INLINE_OPENIDS) {
      out.add(
          new Violation(
              path + ".openids",
              "at most "
                  + MAX_INLINE_OPENIDS
                  + " inline openids; upload larger audiences with POST /api/v1/audiences"));
    }
    for (int i = 0; i < openids.size(); i++) {
      String openid = openids.get(i);
      if (openid == null || !OPENID.matcher(openid.strip()).matches()) {
        out.add(new Violation(path + ".openids[" + i + "]", "is not a valid openid"));
      }
    }
  }

  private static void validateBudgetGuard(BudgetGuardSpec guard, List<Violation> out) {
    if (guard == null || guard.thresholds() == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < guard.thresholds().size(); i++) {
      String path = "budget_guard.thresholds[" + i + "]";
      ThresholdSpec t = guard.thresholds().get(i);
      if (t == null) {
        out.add(new Violation(path, "must not be null"));
        continue;
      }
      if (!ThresholdSpec.ISSUED_AMOUNT.equals(t.metric())
          && !ThresholdSpec.USED_AMOUNT.equals(t.metric())) {
        out.add(new Violation(path + ".metric", "must be issued_amount or used_amount"));
      }
      if (t.percent() == null) {
        out.add(new Violation(path + ".percent", "is required"));
      } else if (!(t.percent() > 0 && t.percent() <= 100)) {
        out.add(new Violation(path + ".percent", "must be greater than 0 and at most 100"));
      } else if (!seen.add(t.metric() + "@" + t.percent())) {
        out.add(new Violation(path, "duplicates an earlier threshold"));
      }
      String resume = t.resume() == null ? ThresholdSpec.RESUME_MANUAL : t.resume();
      switch (resume) {
        case ThresholdSpec.RESUME_MANUAL, ThresholdSpec.RESUME_NEXT_DAY -> {
          if (t.resumeAfter() != null) {
            out.add(new Violation(path + ".resume_after", "only applies when resume is \"after\""));
          }
        }
        case ThresholdSpec.RESUME_AFTER -> {
          Optional<Duration> after = parseDuration(path + ".resume_after", t.resumeAfter(), out);
          if (after.isPresent() && after.get().compareTo(Duration.ofSeconds(1)) < 0) {
            out.add(new Violation(path + ".resume_after", "must be at least PT1S"));
          }
        }
        default -> out.add(new Violation(path + ".resume", "must be manual, next_day or after"));
      }
    }
  }

  private static void validateFlows(FlowSpec flows, List<Violation> out) {
    if (flows != null && flows.readyAfter() != null) {
      Optional<Duration> d = parseDuration("flows.ready_after", flows.readyAfter(), out);
      if (d.isPresent() && d.get().isNegative()) {
        out.add(new Violation("flows.ready_after", "must not be negative"));
      }
    }
  }

  static Optional<Instant> parseTime(String field, String value, List<Violation> out) {
    if (blank(value)) {
      out.add(new Violation(field, "is required (RFC 3339, e.g. 2026-12-01T10:00:00+08:00)"));
      return Optional.empty();
    }
    Optional<Instant> parsed = ShanghaiTime.parse(value);
    if (parsed.isEmpty()) {
      out.add(
          new Violation(
              field, "is not an RFC 3339 time with an offset, e.g. 2026-12-01T10:00:00+08:00"));
    }
    return parsed;
  }

  static Optional<Duration> parseDuration(String field, String value, List<Violation> out) {
    if (blank(value)) {
      out.add(new Violation(field, "is required (ISO-8601 duration, e.g. PT30M)"));
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(value));
    } catch (DateTimeParseException e) {
      out.add(new Violation(field, "is not an ISO-8601 duration such as PT30M"));
      return Optional.empty();
    }
  }

  static void checkNoFourByteCharacters(String field, String value, List<Violation> out) {
    if (value.codePoints().anyMatch(cp -> cp > 0xFFFF)) {
      out.add(new Violation(field, "must not contain 4-byte UTF-8 characters such as emoji"));
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
