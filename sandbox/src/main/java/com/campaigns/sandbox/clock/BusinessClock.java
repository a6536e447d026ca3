package com.campaigns.sandbox.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The sandbox's notion of "now" for business rules. Protocol timestamps (request-signature window,
 * response and notification {@code Wechatpay-Timestamp}) never use it: they stay on real time or
 * the official SDK would reject every answer.
 */
@Component
public class BusinessClock {

  /** WeChat Pay works in China Standard Time; days and months are counted there. */
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final BusinessTimeSource source;
  private final AtomicLong offsetMillis = new AtomicLong();

  public BusinessClock(ObjectProvider<BusinessTimeSource> source) {
    this.source = source.getIfAvailable(() -> System::currentTimeMillis);
  }

  public Instant now() {
    return Instant.ofEpochMilli(source.currentTimeMillis() + offsetMillis.get());
  }

  public LocalDate today() {
    return LocalDate.ofInstant(now(), SHANGHAI);
  }

  public long offsetSeconds() {
    return offsetMillis.get() / 1000;
  }

  public void setOffsetSeconds(long seconds) {
    offsetMillis.set(seconds * 1000);
  }

  /** RFC 3339 in +08:00 with whole seconds, as WeChat Pay writes times. */
  public static String format(Instant instant) {
    return instant == null
        ? null
        : RFC3339.format(OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), CST));
  }
}
