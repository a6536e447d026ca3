package com.campaigns.starter.system;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, rendered as {@code {"error": kind, "message": message}} with the given
 * status. The message is shown to the caller, so it must never carry secrets or internals.
 */
public class RequestRejected extends RuntimeException {

  private final HttpStatus status;
  private final String kind;
  private final Duration retryAfter;

  public RequestRejected(HttpStatus status, String kind, String message) {
    this(status, kind, message, null);
  }

  /**
   * @param retryAfter sent as {@code Retry-After} (whole seconds, at least 1) when not null
   */
  public RequestRejected(HttpStatus status, String kind, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  /** A merchant this deployment does not have, or one the caller may not see: the same answer. */
  public static RequestRejected unknownMerchant(String mchid) {
    return notFound("merchant " + mchid + " is not configured in this deployment");
  }

  public static RequestRejected notFound(String message) {
    return new RequestRejected(HttpStatus.NOT_FOUND, "not_found", message);
  }

  public static RequestRejected badRequest(String kind, String message) {
    return new RequestRejected(HttpStatus.BAD_REQUEST, kind, message);
  }

  public static RequestRejected conflict(String kind, String message) {
    return new RequestRejected(HttpStatus.CONFLICT, kind, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String kind() {
    return kind;
  }

  /** How long the caller should wait before trying again, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
