package com.campaigns.sandbox;

import static com.campaigns.sandbox.SandboxFixture.PUBLIC_KEY_MCHID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request signatures checked as WeChat Pay checks them, driven by hand-signed requests. */
class RequestAuthenticationTest {

  private static SandboxFixture fixture;
  private static RawClient raw;

  @BeforeAll
  static void start() {
    fixture = SandboxFixture.start();
    raw = fixture.raw(PUBLIC_KEY_MCHID);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static String listTarget() {
    return "/v3/marketing/favor/stocks?stock_creator_mchid="
        + PUBLIC_KEY_MCHID
        + "&offset=0&limit=10";
  }

  private static void assertSignError(RawClient.Result result, String issue) throws Exception {
    assertThat(result.status()).isEqualTo(401);
    JsonNode body = fixture.json.readTree(result.body());
    assertThat(body.get("code").asText()).isEqualTo("SIGN_ERROR");
    assertThat(body.get("message").asText()).isEqualTo("错误的签名,验签失败");
    assertThat(body.at("/detail/field").asText()).isEqualTo("signature");
    assertThat(body.at("/detail/location").asText()).isEqualTo("authorization");
    assertThat(body.at("/detail/detail/issue").asText()).isEqualTo(issue);
    assertThat(body.at("/detail/sign_information/method").isTextual()).isTrue();
    assertThat(body.at("/detail/sign_information/url").isTextual()).isTrue();
  }

  @Test
  void acceptsCorrectlySignedRequest() {
    assertThat(raw.call("GET", listTarget(), null).execute().status()).isEqualTo(200);
  }

  @Test
  void acceptsAuthorizationParametersInAnyOrder() {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.shuffled = true;
    assertThat(call.execute().status()).isEqualTo(200);
  }

  @Test
  void verifiesAgainstRawQueryExactlyAsSent() {
    // Encoded, unusual order: re-encoding or re-ordering on the server would break the signature.
    String target =
        "/v3/marketing/favor/stocks?limit=10&create_start_time=2020-05-20T13%3A29%3A35%2B08%3A00"
            + "&offset=0&stock_creator_mchid="
            + PUBLIC_KEY_MCHID;
    assertThat(raw.call("GET", target, null).execute().status()).isEqualTo(200);
  }

  @Test
  void rejectsBadSignature() throws Exception {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.signature = raw.sign("something else");
    RawClient.Result result = call.execute();
    assertSignError(result, "sign not match");
    JsonNode info = fixture.json.readTree(result.body()).at("/detail/sign_information");
    assertThat(info.get("url").asText()).isEqualTo(listTarget());
    assertThat(info.get("truncated_sign_message").asText())
        .startsWith("GET\n" + listTarget() + "\n" + call.timestamp);
    assertThat(info.get("sign_message_length").asInt())
        .isEqualTo(info.get("truncated_sign_message").asText().length());
  }

  @Test
  void rejectsStaleTimestamp() throws Exception {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.timestamp -= 301;
    assertSignError(call.execute(), "timestamp expired or in the future");
  }

  @Test
  void rejectsFutureTimestamp() throws Exception {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    // Not +301: the server reads its clock later than the call was stamped, and on a loaded
    // machine a second later the skew it sees would be exactly the 300 s it allows.
    call.timestamp += 330;
    assertSignError(call.execute(), "timestamp expired or in the future");
  }

  @Test
  void acceptsTimestampWithinFiveMinutes() {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.timestamp -= 290;
    assertThat(call.execute().status()).isEqualTo(200);
  }

  @Test
  void rejectsReplayedNonce() throws Exception {
    RawClient.Call first = raw.call("GET", listTarget(), null);
    assertThat(first.execute().status()).isEqualTo(200);
    RawClient.Call replay = raw.call("GET", listTarget(), null);
    replay.nonce = first.nonce;
    assertSignError(replay.execute(), "nonce_str reused");
  }

  @Test
  void rejectsUnknownMchid() throws Exception {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.mchid = "1999999999";
    assertSignError(call.execute(), "mchid not exists");
  }

  @Test
  void rejectsWrongMerchantSerial() throws Exception {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.serialNo = "0123456789ABCDEF0123456789ABCDEF01234567";
    assertSignError(call.execute(), "serial_no not match");
  }

  @Test
  void rejectsUnsignedRequest() throws Exception {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.unsigned = true;
    assertSignError(call.execute(), "authorization header missing or malformed");
  }

  @Test
  void rejectsSignatureOfAnotherMerchantKey() throws Exception {
    RawClient other = fixture.raw(SandboxFixture.CERT_MCHID);
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.signature =
        other.sign("GET\n" + listTarget() + "\n" + call.timestamp + "\n" + call.nonce + "\n\n");
    assertSignError(call.execute(), "sign not match");
  }

  @Test
  void rejectsTamperedBodyAndNeverRunsTheRequest() throws Exception {
    String body =
        "{\"mchid\":\"" + PUBLIC_KEY_MCHID + "\",\"notify_url\":\"https://example.com/a\"}";
    RawClient.Call call = raw.call("POST", "/v3/marketing/favor/callbacks", body);
    call.signedBody = body.replace("/a", "/b");
    assertSignError(call.execute(), "sign not match");
    RawClient.Result query =
        raw.call("GET", "/v3/marketing/favor/callbacks?mchid=" + PUBLIC_KEY_MCHID, null).execute();
    assertThat(fixture.json.readTree(query.body()).has("notify_url")).isFalse();
  }

  @Test
  void rejectsTamperedQuery() throws Exception {
    RawClient.Call call = raw.call("GET", listTarget(), null);
    call.signedTarget = listTarget().replace("limit=10", "limit=5");
    assertSignError(call.execute(), "sign not match");
  }

  @Test
  void countsRejectedCallsInStats() {
    RawClient.Call call = raw.call("GET", "/v3/marketing/favor/stocks/1", null);
    call.unsigned = true;
    call.execute();
    JsonNode stats = fixture.admin("GET", "/sandbox/stats", null);
    assertThat(stats.at("/query_stock/outcomes/401 SIGN_ERROR").asLong()).isPositive();
  }
}
