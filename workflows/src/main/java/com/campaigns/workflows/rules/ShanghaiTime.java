package com.campaigns.workflows.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * WeChat Pay's business calendar is Asia/Shanghai: daily limits reset and flow files appear by it.
 */
public final class ShanghaiTime {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DISPLAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private ShanghaiTime() {}

  /** The next 00:00 in Asia/Shanghai strictly after {@code now}. */
  public static Instant nextMidnight(Instant now) {
    return now.atZone(ZONE).toLocalDate().plusDays(1).atStartOfDay(ZONE).toInstant();
  }

  /** When WeChat Pay publishes the flow files of a stock that ended at {@code end}: T+1 10:00. */
  public static Instant flowsPublishedAt(Instant end) {
    return end.atZone(ZONE)
        .toLocalDate()
        .plusDays(1)
        .atTime(LocalTime.of(10, 0))
        .atZone(ZONE)
        .toInstant();
  }

  public static LocalDate day(Instant instant) {
    return instant.atZone(ZONE).toLocalDate();
  }

  /** A time as ops read it, e.g. "2026-12-01 10:00 +08:00". */
  public static String display(Instant instant) {
    return DISPLAY.format(instant.atZone(ZONE));
  }

  /** RFC 3339 with the Shanghai offset, as WeChat Pay writes times. */
  public static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(ZONE).toOffsetDateTime());
  }

  /** Parses an RFC 3339 time with an explicit offset; empty when it is not one. */
  public static Optional<Instant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
