package com.campaigns.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What SetCallback found and did at WeChat Pay. Histories recorded before it existed carry no
 * result (the activity returned nothing): the workflow reads a null result as "set", which is what
 * those workers did.
 *
 * @param outcome {@link #SET} (none was set, or the merchant's configuration gives the callback to
 *     this product), {@link #UNCHANGED} (already this product's URL) or {@link #CONFLICT} (another
 *     URL that is not this product's to replace: nothing was changed)
 * @param currentHost the host of the URL WeChat Pay had set, null when none; never the whole URL,
 *     whose path or query may carry a secret of the system it belongs to
 * @param detail for people: what was found and, on a conflict, how ops resolve it
 */
@SnakeCaseNonNull
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackResult(String outcome, String currentHost, String detail) {

  public static final String SET = "SET";
  public static final String UNCHANGED = "UNCHANGED";
  public static final String CONFLICT = "CONFLICT";

  /** Whether the campaign must pause: another system's URL is set and was left alone. */
  public static boolean conflict(CallbackResult result) {
    return result != null && CONFLICT.equals(result.outcome());
  }
}
