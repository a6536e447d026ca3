package com.campaigns.sandbox.protocol;

import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.merchant.Merchants;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Verifies the {@code Authorization} of an APIv3 request the way WeChat Pay does: known mchid,
 * matching merchant certificate serial, fresh timestamp, SHA256withRSA over {@code
 * method\ntarget\ntimestamp\nnonce\nbody\n} rebuilt from the raw request target and raw body, and a
 * nonce not seen within the window. Every failure is a 401 SIGN_ERROR and the request never runs.
 */
@Component
public class RequestVerifier {

  private static final int SWEEP_EVERY = 4096;

  private final Merchants merchants;
  private final long windowMillis;
  private final Map<String, Map<String, Long>> noncesByMchid = new ConcurrentHashMap<>();
  private final AtomicLong insertions = new AtomicLong();

  public RequestVerifier(Merchants merchants, AuthSettings settings) {
    this.merchants = merchants;
    this.windowMillis = settings.timestampWindow().toMillis();
  }

  /** Returns the calling merchant, or throws a 401 {@link Rejected}. */
  public Merchant verify(String method, String target, byte[] body, String authorization) {
    AuthorizationHeader auth =
        AuthorizationHeader.parse(authorization)
            .orElseThrow(
                () ->
                    signError(
                        method, target, "", "", body, "authorization header missing or malformed"));
    String message = method + "\n" + target + "\n" + auth.timestamp() + "\n" + auth.nonce() + "\n";
    Merchant merchant =
        merchants
            .find(auth.mchid())
            .orElseThrow(() -> signError(method, target, auth, body, "mchid not exists"));
    long now = System.currentTimeMillis();
    java.security.PublicKey key =
        merchant.verificationKey(auth.serialNo(), java.time.Instant.ofEpochMilli(now));
    if (key == null) {
      throw signError(method, target, auth, body, "serial_no not match");
    }
    long timestampMillis;
    try {
      timestampMillis = Long.parseLong(auth.timestamp()) * 1000;
    } catch (NumberFormatException e) {
      throw signError(method, target, auth, body, "timestamp invalid");
    }
    if (Math.abs(now - timestampMillis) > windowMillis) {
      throw signError(method, target, auth, body, "timestamp expired or in the future");
    }
    if (!signatureMatches(key, message, body, auth.signature())) {
      throw signError(method, target, auth, body, "sign not match");
    }
    if (!rememberNonce(merchant.mchid(), auth.nonce(), now)) {
      throw signError(method, target, auth, body, "nonce_str reused");
    }
    return merchant;
  }

  private static boolean signatureMatches(
      java.security.PublicKey key, String message, byte[] body, String signature) {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update(message.getBytes(StandardCharsets.UTF_8));
      verifier.update(body);
      verifier.update((byte) '\n');
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private boolean rememberNonce(String mchid, String nonce, long now) {
    Map<String, Long> nonces = noncesByMchid.computeIfAbsent(mchid, k -> new ConcurrentHashMap<>());
    Long previous = nonces.putIfAbsent(nonce, now + windowMillis);
    if (previous != null) {
      if (previous > now) {
        return false;
      }
      nonces.put(nonce, now + windowMillis);
    }
    if (insertions.incrementAndGet() % SWEEP_EVERY == 0) {
      noncesByMchid.values().forEach(m -> m.values().removeIf(expiry -> expiry <= now));
    }
    return true;
  }

  private static Rejected signError(
      String method, String target, AuthorizationHeader auth, byte[] body, String issue) {
    return signError(method, target, auth.timestamp(), auth.nonce(), body, issue);
  }

  private static Rejected signError(
      String method, String target, String timestamp, String nonce, byte[] body, String issue) {
    String message =
        method
            + "\n"
            + target
            + "\n"
            + timestamp
            + "\n"
            + nonce
            + "\n"
            + new String(body, StandardCharsets.UTF_8)
            + "\n";
    Map<String, Object> signInformation = new LinkedHashMap<>();
    signInformation.put("method", method);
    signInformation.put("sign_message_length", message.getBytes(StandardCharsets.UTF_8).length);
    signInformation.put(
        "truncated_sign_message", message.length() > 1024 ? message.substring(0, 1024) : message);
    signInformation.put("url", target);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("detail", Map.of("issue", issue));
    detail.put("field", "signature");
    detail.put("location", "authorization");
    detail.put("sign_information", signInformation);
    return new Rejected(401, "SIGN_ERROR", "错误的签名,验签失败", detail);
  }
}
