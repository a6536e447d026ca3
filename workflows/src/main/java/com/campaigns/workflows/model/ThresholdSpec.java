package com.campaigns.workflows.model;

/**
 * Pause when {@code metric} (issued_amount or used_amount) reaches {@code percent} of the stock
 * budget, then restart as {@code resume} says: manual, next_day (00:00 Asia/Shanghai) or after
 * ({@code resume_after}, an ISO-8601 duration such as PT30M).
 */
@SnakeCaseNonNull
public record ThresholdSpec(String metric, Double percent, String resume, String resumeAfter) {

  public static final String ISSUED_AMOUNT = "issued_amount";
  public static final String USED_AMOUNT = "used_amount";
  public static final String RESUME_MANUAL = "manual";
  public static final String RESUME_NEXT_DAY = "next_day";
  public static final String RESUME_AFTER = "after";
}
