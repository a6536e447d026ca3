package com.campaigns.wechatpay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;

/**
 * What WeChat Pay accepts as a COUPON.USE callback URL: absolute, https, no query string, at most
 * 256 characters. It answers any other URL with a bare 500 "系统繁忙", which looks retryable, so the
 * product checks first. {@code http} on a loopback host is for the local stack and tests only,
 * where the sandbox accepts it ({@code sandbox.notify.allow-http-loopback}).
 */
public final class NotifyUrlRule {

  public static final int MAX_LENGTH = 256;

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private NotifyUrlRule() {}

  /** Why WeChat Pay would refuse the URL, or empty when it accepts it. */
  public static Optional<String> problem(String url, boolean allowHttpOnLoopback) {
    if (url == null || url.isBlank()) {
      return Optional.of("is required");
    }
    String u = url.strip();
    if (u.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    if (uri.getRawQuery() != null || u.contains("?")) {
      return Optional.of("must not have a query string (WeChat Pay answers 系统繁忙 to parameters)");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not have a fragment");
    }
    if (!uri.isAbsolute() || uri.getHost() == null) {
      return Optional.of("must be an absolute https URL");
    }
    if ("https".equals(uri.getScheme())) {
      return Optional.empty();
    }
    if (allowHttpOnLoopback && "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost())) {
      return Optional.empty();
    }
    return Optional.of(
        "must be an https URL (WeChat Pay answers 系统繁忙 to http ones)"
            + (allowHttpOnLoopback ? "; http is accepted for 127.0.0.1 and localhost only" : ""));
  }
}
