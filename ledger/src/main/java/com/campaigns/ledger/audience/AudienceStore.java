package com.campaigns.ledger.audience;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Uploaded audiences, immutable once stored: the API stores them, every worker reads them by
 * segment. An audience's id is derived from its de-duplicated content ({@code aud-} and the 64 hex
 * digits of its SHA-256), so uploading the same list twice gives the same audience in every store.
 * Audiences stored before ids were full keep their ids ({@code aud-} and the first 16 digits), by
 * which campaigns and histories name them: they are still read by them. {@link
 * DatabaseAudienceStore} keeps them in the ledger's database ({@code
 * campaigns.audiences.store=database}); {@link FileAudienceStore} in a directory every process must
 * see ({@code file}).
 */
public interface AudienceStore {

  /** The outcome of storing an audience. */
  record Receipt(
      String audienceId,
      long count,
      long duplicatesRemoved,
      long invalidCount,
      List<Invalid> invalid) {}

  /** A line that is not an openid, with its 1-based line number. */
  record Invalid(long line, String value) {}

  /**
   * Reads one openid per line (a CSV's first column; a header line "openid" is skipped), trims
   * whitespace, drops blank lines, keeps the first occurrence of each openid in upload order and
   * reports lines that are not openids (the first 100 of them). Holds neither the body nor the list
   * in memory.
   *
   * @throws AudienceTooLarge past one of the store's {@link AudienceLimits}; nothing is stored
   */
  Receipt store(InputStream body);

  default Receipt store(List<String> openids) {
    return store(
        new ByteArrayInputStream(String.join("\n", openids).getBytes(StandardCharsets.UTF_8)));
  }

  /** The number of recipients, or empty when there is no such audience. */
  Optional<Long> count(String audienceId);

  /**
   * Openids at positions {@code [from, to)} in upload order ({@code to} past the end reads to the
   * end).
   *
   * @throws IllegalArgumentException when there is no such audience
   */
  default List<String> read(String audienceId, long from, long to) {
    long count =
        count(audienceId)
            .orElseThrow(() -> new IllegalArgumentException("no audience " + audienceId));
    long end = Math.min(to, count);
    return from >= end ? new ArrayList<>() : readRange(audienceId, from, end);
  }

  /**
   * Openids at positions {@code [from, end)} of an existing audience, {@code from < end <= count}.
   */
  List<String> readRange(String audienceId, long from, long end);
}
