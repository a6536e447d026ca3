package com.campaigns.sandbox.protocol;

import java.util.Optional;

/**
 * The WeChat Pay endpoints the sandbox answers, under the names used by fault rules and stats. The
 * filter classifies a request before Spring MVC dispatches it.
 */
public enum Endpoint {
  CREATE_STOCK,
  START_STOCK,
  PAUSE_STOCK,
  RESTART_STOCK,
  STOP_STOCK,
  SEND_COUPON,
  LIST_STOCKS,
  QUERY_STOCK,
  QUERY_COUPON,
  LIST_COUPONS,
  LIST_MERCHANTS,
  LIST_ITEMS,
  USE_FLOW,
  REFUND_FLOW,
  SET_CALLBACK,
  QUERY_CALLBACK,
  CERTIFICATES,
  DOWNLOAD;

  private static final String FAVOR = "/v3/marketing/favor/";

  /** Lower-case name as used in fault rules and stats, e.g. {@code send_coupon}. */
  public String ruleName() {
    return name().toLowerCase();
  }

  public static Optional<Endpoint> fromRuleName(String name) {
    for (Endpoint e : values()) {
      if (e.ruleName().equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Classifies a raw (undecoded) request path; empty for paths WeChat Pay does not have. */
  public static Optional<Endpoint> classify(String method, String path) {
    boolean get = "GET".equals(method);
    boolean post = "POST".equals(method);
    if (path.equals("/v3/certificates")) {
      return get ? Optional.of(CERTIFICATES) : Optional.empty();
    }
    if (path.equals("/v3/billdownload/file")) {
      return get ? Optional.of(DOWNLOAD) : Optional.empty();
    }
    if (!path.startsWith(FAVOR)) {
      return Optional.empty();
    }
    String[] s = path.substring(FAVOR.length()).split("/", -1);
    Endpoint found =
        switch (s[0]) {
          case "coupon-stocks" -> s.length == 1 && post ? CREATE_STOCK : null;
          case "callbacks" ->
              s.length == 1 ? (post ? SET_CALLBACK : get ? QUERY_CALLBACK : null) : null;
          case "stocks" -> stocks(s, get, post);
          case "users" -> users(s, get, post);
          default -> null;
        };
    return Optional.ofNullable(found);
  }

  private static Endpoint stocks(String[] s, boolean get, boolean post) {
    if (s.length == 1) {
      return get ? LIST_STOCKS : null;
    }
    if (s[1].isEmpty()) {
      return null;
    }
    if (s.length == 2) {
      return get ? QUERY_STOCK : null;
    }
    if (s.length != 3) {
      return null;
    }
    if (post) {
      return switch (s[2]) {
        case "start" -> START_STOCK;
        case "pause" -> PAUSE_STOCK;
        case "restart" -> RESTART_STOCK;
        case "stop" -> STOP_STOCK;
        default -> null;
      };
    }
    if (get) {
      return switch (s[2]) {
        case "merchants" -> LIST_MERCHANTS;
        case "items" -> LIST_ITEMS;
        case "use-flow" -> USE_FLOW;
        case "refund-flow" -> REFUND_FLOW;
        default -> null;
      };
    }
    return null;
  }

  private static Endpoint users(String[] s, boolean get, boolean post) {
    if (s.length < 3 || s[1].isEmpty() || !s[2].equals("coupons")) {
      return null;
    }
    if (s.length == 3) {
      return post ? SEND_COUPON : get ? LIST_COUPONS : null;
    }
    return s.length == 4 && get && !s[3].isEmpty() ? QUERY_COUPON : null;
  }
}
