package com.campaigns.starter.notification;

import com.campaigns.starter.system.RequestRejected;
import org.springframework.http.HttpStatus;

/** Why a notification is refused; WeChat Pay re-sends it on any non-2xx answer. */
final class NotificationRejected {

  private NotificationRejected() {}

  static RequestRejected unauthenticated(String message) {
    return new RequestRejected(HttpStatus.UNAUTHORIZED, "invalid_signature", message);
  }

  static RequestRejected stale(String message) {
    return new RequestRejected(HttpStatus.UNAUTHORIZED, "stale_timestamp", message);
  }

  /** Verified for one merchant but about another merchant's campaign. */
  static RequestRejected merchantMismatch(String message) {
    return new RequestRejected(HttpStatus.BAD_REQUEST, "merchant_mismatch", message);
  }

  static RequestRejected malformed(String message) {
    return new RequestRejected(HttpStatus.BAD_REQUEST, "malformed_notification", message);
  }

  static RequestRejected unsupportedType() {
    return new RequestRejected(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "notifications are application/json");
  }
}
