package com.campaigns.sandbox.unconfirmed;

/**
 * What {@code offset} counts in the stock list ({@code GET /v3/marketing/favor/stocks}): the
 * documentation says "分页页码" (page number) in one place and shows row offsets in another.
 */
public enum ListOffset {
  /** Rows skipped: {@code offset=10, limit=10} is the second page. */
  ROW,
  /** Pages skipped: {@code offset=1, limit=10} is the second page. */
  PAGE
}
