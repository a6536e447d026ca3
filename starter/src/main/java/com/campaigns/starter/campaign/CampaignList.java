package com.campaigns.starter.campaign;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.starter.system.RequestRejected;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

/**
 * A page of {@code GET /campaigns}, newest first: its lines and the cursor of the next page (null
 * on the last). The cursor is opaque to callers: the last line's creation time and id, so a page
 * never repeats or skips a campaign while new ones are created.
 */
public record CampaignList(List<CampaignSummary> campaigns, String next, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw RequestRejected.badRequest(
          "invalid_request", "limit must be between 1 and " + MAX_LIMIT + ", not " + requested);
    }
    return requested;
  }

  static String cursor(CampaignIndex.After after) {
    if (after == null) {
      return null;
    }
    String plain = after.createdAt() + " " + after.campaignId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static CampaignIndex.After after(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int space = plain.indexOf(' ');
      String id = plain.substring(space + 1);
      if (space < 0 || !KnownCampaigns.wellFormed(id)) {
        throw new IllegalArgumentException(plain);
      }
      return new CampaignIndex.After(OffsetDateTime.parse(plain.substring(0, space)), id);
    } catch (RuntimeException e) {
      throw RequestRejected.badRequest(
          "invalid_request", "cursor is not one this API gave (take it from the Link header)");
    }
  }

  /** The {@code Link} header's value for the next page of {@code path}, or null on the last. */
  public String nextLink(String path) {
    return next == null
        ? null
        : "<" + path + "?limit=" + limit + "&cursor=" + next + ">; rel=\"next\"";
  }
}
