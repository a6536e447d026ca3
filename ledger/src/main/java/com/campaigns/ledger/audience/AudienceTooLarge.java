package com.campaigns.ledger.audience;

/**
 * An upload refused because it passed one of the {@link AudienceLimits}; nothing of it is stored.
 * The message names the setting and its value and is meant for the uploader.
 */
public final class AudienceTooLarge extends RuntimeException {

  /** The limit an upload passed. */
  public enum Limit {
    BYTES,
    LINE_LENGTH,
    RECIPIENTS
  }

  private final Limit limit;
  private final long value;

  AudienceTooLarge(Limit limit, long value, String message) {
    super(message, null, false, false);
    this.limit = limit;
    this.value = value;
  }

  public Limit limit() {
    return limit;
  }

  /** The configured value of the limit. */
  public long value() {
    return value;
  }
}
