package com.campaigns.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Signs APIv3 requests by hand, so tests can break each part of the signature on purpose. */
final class RawClient {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final Sandbox sandbox;
  private final SandboxMerchant merchant;
  private final PrivateKey key;
  private final OkHttpClient http = new OkHttpClient();

  RawClient(Sandbox sandbox, SandboxMerchant merchant) {
    this.sandbox = sandbox;
    this.merchant = merchant;
    try {
      String base64 =
          merchant
              .merchantPrivateKeyPem()
              .replaceAll("-----[A-Z ]+-----", "")
              .replaceAll("\\s", "");
      this.key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A correctly signed request; tweak it before {@link Call#execute()}. */
  Call call(String method, String target, String body) {
    return new Call(method, target, body);
  }

  String sign(String message) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One request under construction. Fields left null take the correct value. */
  final class Call {
    final String method;
    final String target;
    final String body;
    String mchid = merchant.mchid();
    String serialNo = merchant.merchantSerialNumber();
    String nonce = UUID.randomUUID().toString().replace("-", "");
    long timestamp = System.currentTimeMillis() / 1000;
    String signedTarget;
    String signedBody;
    String signature;
    String wechatpaySerial;
    boolean shuffled;
    boolean unsigned;

    Call(String method, String target, String body) {
      this.method = method;
      this.target = target;
      this.body = body;
    }

    String authorization() {
      String message =
          method
              + "\n"
              + (signedTarget != null ? signedTarget : target)
              + "\n"
              + timestamp
              + "\n"
              + nonce
              + "\n"
              + (signedBody != null ? signedBody : body == null ? "" : body)
              + "\n";
      String sig = signature != null ? signature : sign(message);
      Map<String, String> params = new LinkedHashMap<>();
      if (shuffled) {
        params.put("signature", sig);
        params.put("serial_no", serialNo);
        params.put("timestamp", Long.toString(timestamp));
        params.put("mchid", mchid);
        params.put("nonce_str", nonce);
      } else {
        params.put("mchid", mchid);
        params.put("nonce_str", nonce);
        params.put("timestamp", Long.toString(timestamp));
        params.put("serial_no", serialNo);
        params.put("signature", sig);
      }
      StringBuilder header = new StringBuilder("WECHATPAY2-SHA256-RSA2048 ");
      params.forEach((k, v) -> header.append(k).append("=\"").append(v).append("\","));
      header.setLength(header.length() - 1);
      return header.toString();
    }

    Result execute() {
      Request.Builder request =
          new Request.Builder()
              .url(sandbox.baseUrl() + target)
              .header("Accept", "application/json")
              .header("User-Agent", "sandbox-raw-test");
      if (!unsigned) {
        request.header("Authorization", authorization());
      }
      if (wechatpaySerial != null) {
        request.header("Wechatpay-Serial", wechatpaySerial);
      }
      request.method(
          method,
          body == null ? null : RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON));
      try (Response response = http.newCall(request.build()).execute()) {
        return new Result(response.code(), response.headers(), response.body().string());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  record Result(int status, Headers headers, String body) {}
}
