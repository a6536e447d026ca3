package com.campaigns.sandbox.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code WECHATPAY2-SHA256-RSA2048
 * mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"}, parameters in any order.
 */
record AuthorizationHeader(
    String mchid, String nonce, String timestamp, String serialNo, String signature) {

  static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";

  static Optional<AuthorizationHeader> parse(String header) {
    if (header == null || !header.startsWith(SCHEMA + " ")) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    String rest = header.substring(SCHEMA.length() + 1);
    int i = 0;
    while (i < rest.length()) {
      while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == ',')) {
        i++;
      }
      if (i >= rest.length()) {
        break;
      }
      int eq = rest.indexOf('=', i);
      if (eq < 0 || eq + 1 >= rest.length() || rest.charAt(eq + 1) != '"') {
        return Optional.empty();
      }
      int close = rest.indexOf('"', eq + 2);
      if (close < 0) {
        return Optional.empty();
      }
      if (params.put(rest.substring(i, eq).trim(), rest.substring(eq + 2, close)) != null) {
        return Optional.empty();
      }
      i = close + 1;
    }
    String mchid = params.get("mchid");
    String nonce = params.get("nonce_str");
    String timestamp = params.get("timestamp");
    String serial = params.get("serial_no");
    String signature = params.get("signature");
    if (mchid == null
        || nonce == null
        || timestamp == null
        || serial == null
        || signature == null) {
      return Optional.empty();
    }
    return Optional.of(new AuthorizationHeader(mchid, nonce, timestamp, serial, signature));
  }
}
