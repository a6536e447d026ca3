package com.campaigns.sandbox.unconfirmed;

/** WeChat Pay's answer to a callback query for a merchant that set none: not documented. */
public enum UnsetCallback {
  /** 200 {@code {"mchid": …}}, without {@code notify_url}. */
  NO_FIELD,
  /** 200 with an empty {@code notify_url}. */
  EMPTY,
  /** 404 RESOURCE_NOT_EXISTS. */
  NOT_FOUND
}
