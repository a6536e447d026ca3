package com.campaigns.starter.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.StackTest;
import com.campaigns.starter.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The codec endpoint as the Temporal Web UI and CLI use it: encode then decode round-trips, the ops
 * token is required (header or path), and the browser's CORS preflight from the UI's origin is
 * answered while another origin's is refused.
 */
@StackTest
class CodecEndpointIT {

  static final String OPENID = "oCodecTest0000000000000000001";
  static final String UI = "http://localhost:8233";

  @LocalServerPort int port;
  ApiClient ops;

  @BeforeEach
  void setUp() {
    ops = ApiClient.on(port).as(TestTokens.OPS);
  }

  @Test
  void encodeThenDecodeRoundTripsWithTheBearerHeader() {
    String plain = payloads("{\"openid\":\"" + OPENID + "\"}");

    Answer encoded =
        ops.post("/codec/encode", "application/json", plain, Map.of("X-Namespace", "default"));
    assertThat(encoded.status()).as(encoded.text()).isEqualTo(200);
    JsonNode sealed = encoded.json().path("payloads").get(0);
    assertThat(decode64(sealed.path("metadata").path("encoding").asText()))
        .isEqualTo("binary/encrypted");
    assertThat(decode64(sealed.path("metadata").path("encryption-key-id").asText()))
        .isEqualTo(TestTokens.CODEC_KEY_ID);
    assertThat(encoded.text())
        .doesNotContain(OPENID, Base64.getEncoder().encodeToString(OPENID.getBytes()));

    Answer decoded =
        ops.post(
            "/codec/decode", "application/json", encoded.text(), Map.of("X-Namespace", "default"));
    assertThat(decoded.status()).isEqualTo(200);
    JsonNode payload = decoded.json().path("payloads").get(0);
    assertThat(decode64(payload.path("metadata").path("encoding").asText()))
        .isEqualTo("json/plain");
    assertThat(decode64(payload.path("data").asText())).contains(OPENID);
  }

  @Test
  void theWebUiPassesTheTokenInThePath() {
    String sealed =
        ops.post("/codec/encode", "application/json", payloads("{\"x\":1}"), Map.of()).text();

    Answer decoded =
        ops.anonymous()
            .post(
                "/codec/" + TestTokens.CODEC + "/decode",
                "application/json",
                sealed,
                Map.of("X-Namespace", "default", "Origin", UI));
    assertThat(decoded.status()).isEqualTo(200);
    assertThat(decoded.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(decode64(decoded.json().path("payloads").get(0).path("data").asText()))
        .isEqualTo("{\"x\":1}");

    Answer wrong =
        ops.anonymous().post("/codec/not-a-token/decode", "application/json", sealed, Map.of());
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.error()).isEqualTo("unauthorized");
    // Only a codec token may be in a URL: any other role's token there is refused, even ops'.
    for (String person : new String[] {TestTokens.MARKETER, TestTokens.OPS}) {
      Answer refused =
          ops.anonymous()
              .post("/codec/" + person + "/decode", "application/json", sealed, Map.of());
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.json().path("message").asText()).contains("codec-role token");
      assertThat(refused.text()).doesNotContain(person);
    }
    // By header the marketer's token is authenticated but its role may not decode.
    assertThat(
            ops.as(TestTokens.MARKETER)
                .post("/codec/decode", "application/json", sealed, Map.of())
                .status())
        .isEqualTo(403);
  }

  @Test
  void theWebUiMayPassItsUsersAccessTokenWhichDecodesAndOpensNothingElse() {
    String sealed =
        ops.post("/codec/encode", "application/json", payloads("{\"x\":1}"), Map.of()).text();
    Instant later = Instant.now().plusSeconds(600);
    String opsUser =
        TestTokens.accessToken(
            TestTokens.OIDC_KEY,
            TestTokens.OIDC_ISSUER,
            "li.wei",
            List.of("staff", TestTokens.OIDC_CODEC_GROUP),
            later);

    Answer decoded =
        ops.as(opsUser).post("/codec/decode", "application/json", sealed, Map.of("Origin", UI));
    assertThat(decoded.status()).isEqualTo(200);
    assertThat(decode64(decoded.json().path("payloads").get(0).path("data").asText()))
        .isEqualTo("{\"x\":1}");
    // The same token opens no API call: only the codec chain knows the identity provider.
    assertThat(ops.as(opsUser).get("/api/v1/campaigns").status()).isEqualTo(401);
    assertThat(ops.as(opsUser).get("/actuator/prometheus").status()).isEqualTo(401);

    // A signed-in user outside the group is known but may not decode.
    String marketingUser =
        TestTokens.accessToken(
            TestTokens.OIDC_KEY, TestTokens.OIDC_ISSUER, "wang.fang", List.of("marketing"), later);
    assertThat(
            ops.as(marketingUser)
                .post("/codec/decode", "application/json", sealed, Map.of())
                .status())
        .isEqualTo(403);
    // Expired, another issuer, another key: not valid.
    List<String> invalid =
        List.of(
            TestTokens.accessToken(
                TestTokens.OIDC_KEY,
                TestTokens.OIDC_ISSUER,
                "li.wei",
                List.of(TestTokens.OIDC_CODEC_GROUP),
                Instant.now().minusSeconds(600)),
            TestTokens.accessToken(
                TestTokens.OIDC_KEY,
                "https://evil.example",
                "li.wei",
                List.of(TestTokens.OIDC_CODEC_GROUP),
                later),
            TestTokens.accessToken(
                TestTokens.rsaKeyPair(),
                TestTokens.OIDC_ISSUER,
                "li.wei",
                List.of(TestTokens.OIDC_CODEC_GROUP),
                later));
    for (String token : invalid) {
      Answer refused = ops.as(token).post("/codec/decode", "application/json", sealed, Map.of());
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.error()).isEqualTo("unauthorized");
    }
    // Nor may an access token travel in the URL path.
    assertThat(
            ops.anonymous()
                .post("/codec/" + opsUser + "/decode", "application/json", sealed, Map.of())
                .status())
        .isEqualTo(401);
  }

  @Test
  void theBrowsersPreflightFromTheUiOriginIsAnsweredWithoutAToken() {
    for (String origin : new String[] {"http://localhost:8233", "http://127.0.0.1:8233"}) {
      Answer preflight =
          ops.anonymous()
              .send(
                  HttpRequest.newBuilder(ops.uri("/codec/" + TestTokens.CODEC + "/decode"))
                      .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                      .header("Origin", origin)
                      .header("Access-Control-Request-Method", "POST")
                      .header("Access-Control-Request-Headers", "content-type,x-namespace"));
      assertThat(preflight.status()).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
          .contains("POST");
      assertThat(
              preflight
                  .headers()
                  .firstValue("Access-Control-Allow-Headers")
                  .orElse("")
                  .toLowerCase())
          .contains("content-type", "x-namespace");
    }
    Answer evil =
        ops.anonymous()
            .send(
                HttpRequest.newBuilder(ops.uri("/codec/decode"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST"));
    assertThat(evil.status()).isEqualTo(403);
    assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void badBodiesAndUnknownKeysAre400() {
    Answer notJson = ops.post("/codec/decode", "application/json", "not json", Map.of());
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.error()).isEqualTo("invalid_payloads");

    String unknownKey =
        "{\"payloads\":[{\"metadata\":{\"encoding\":\""
            + b64("binary/encrypted")
            + "\",\"encryption-key-id\":\""
            + b64("k-gone")
            + "\"},\"data\":\""
            + b64("x".repeat(40))
            + "\"}]}";
    Answer unknown = ops.post("/codec/decode", "application/json", unknownKey, Map.of());
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error()).isEqualTo("codec_failed");
    assertThat(unknown.json().path("message").asText()).contains("k-gone");

    String plain = payloads("{}");
    assertThat(
            ops.post("/codec/decode", "application/json", plain, Map.of())
                .json()
                .path("payloads")
                .get(0)
                .path("data")
                .asText())
        .isEqualTo(b64("{}"));
  }

  static String payloads(String json) {
    return "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + b64("json/plain")
        + "\"},\"data\":\""
        + b64(json)
        + "\"}]}";
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String decode64(String s) {
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
