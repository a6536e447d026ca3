package com.campaigns.ledger.audience;

/**
 * What one upload may hold ({@code campaigns.audiences.max-bytes}, {@code max-line-length}, {@code
 * max-recipients}): an upload past any of them is refused with {@link AudienceTooLarge} after
 * reading at most one read buffer past the limit, never held whole.
 *
 * @param maxBytes the body's size in bytes
 * @param maxLineLength one line's size in bytes, CSV columns and spaces included (an openid alone
 *     is at most 128 characters; a longer openid-like line within this limit is reported invalid)
 * @param maxRecipients distinct openids after de-duplication
 */
public record AudienceLimits(long maxBytes, int maxLineLength, long maxRecipients) {

  /** The defaults of application.yaml: 512 MiB, 1 024 bytes, 10 000 000 recipients. */
  public static final AudienceLimits DEFAULTS = new AudienceLimits(512L << 20, 1024, 10_000_000);

  public AudienceLimits {
    if (maxBytes < 1 || maxLineLength < 1 || maxRecipients < 1) {
      throw new IllegalArgumentException(
          "campaigns.audiences.max-bytes, max-line-length and max-recipients must be positive");
    }
  }

  /** Refuses an audience of more than {@link #maxRecipients} distinct openids. */
  void checkRecipients(long distinct) {
    if (distinct > maxRecipients) {
      throw new AudienceTooLarge(
          AudienceTooLarge.Limit.RECIPIENTS,
          maxRecipients,
          "the upload holds more than campaigns.audiences.max-recipients = "
              + maxRecipients
              + " distinct openids");
    }
  }
}
