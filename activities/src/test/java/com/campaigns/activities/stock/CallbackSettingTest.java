package com.campaigns.activities.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaigns.sandbox.Sandbox;
import com.campaigns.sandbox.SandboxOptions;
import com.campaigns.sandbox.unconfirmed.UnsetCallback;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.MerchantCredentials;
import com.campaigns.wechatpay.MerchantCredentialsLoader;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.wechatpay.WechatPayClientFactory;
import com.campaigns.wechatpay.WechatPayProperties;
import com.campaigns.workflows.model.CallbackRequest;
import com.campaigns.workflows.model.CallbackResult;
import com.campaigns.workflows.model.FailureTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.service.cashcoupons.model.QueryCallbackRequest;
import com.wechat.pay.java.service.cashcoupons.model.SetCallbackRequest;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SetCallback against the sandbox through the official SDK: it reads the merchant's callback first
 * and sets the campaign's URL only when none is set or the merchant's configuration gives the
 * callback to the product; another system's URL is left alone and reported by its host.
 */
class CallbackSettingTest {

  static final String MCHID = "1900000001";
  static final String OURS = "https://campaigns.example.com/wechatpay/notifications/coupon";
  static final String THEIRS = "https://crm.example.com/wxpay/coupon/s3cret-token";

  Sandbox sandbox;
  WechatMerchants merchants;
  StockActivitiesImpl activities;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(SandboxOptions.builder().port(0).build());
    WechatPayProperties properties =
        new WechatPayProperties(
            sandbox.baseUrl(),
            sandbox.baseUrl(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            500,
            List.of());
    merchants =
        new WechatMerchants(
            new WechatPayClientFactory(properties),
            new MerchantCredentialsLoader(properties).load());
    // SetCallback reads no ledger.
    activities = new StockActivitiesImpl(merchants, null);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** Under each answer the sandbox may give for a merchant without a callback (undocumented). */
  @ParameterizedTest(name = "unset, answered {0}")
  @EnumSource(UnsetCallback.class)
  void unsetIsSet(UnsetCallback answer) throws Exception {
    sandboxPut("/sandbox/unconfirmed", "{\"unset_callback\": \"" + answer + "\"}");
    CallbackResult result = activities.setCallback(new CallbackRequest(MCHID, OURS));

    assertThat(result.outcome()).isEqualTo(CallbackResult.SET);
    assertThat(result.currentHost()).isNull();
    assertThat(current()).isEqualTo(OURS);
    assertThat(setCalls()).isEqualTo(1);
  }

  @Test
  void oursIsLeftUnchanged() throws Exception {
    set(OURS);

    CallbackResult result = activities.setCallback(new CallbackRequest(MCHID, OURS));

    assertThat(result.outcome()).isEqualTo(CallbackResult.UNCHANGED);
    assertThat(current()).isEqualTo(OURS);
    assertThat(setCalls()).as("only the test's own set").isEqualTo(1);
  }

  @Test
  void anotherSystemsUrlIsAConflictNamedByItsHostAndLeftAlone() throws Exception {
    set(THEIRS);

    CallbackResult result = activities.setCallback(new CallbackRequest(MCHID, OURS));

    assertThat(result.outcome()).isEqualTo(CallbackResult.CONFLICT);
    assertThat(CallbackResult.conflict(result)).isTrue();
    assertThat(result.currentHost()).isEqualTo("crm.example.com");
    assertThat(result.detail())
        .contains("crm.example.com")
        .contains("callback-owned: true")
        .contains("PUT /api/v1/merchants/" + MCHID + "/callback")
        .doesNotContain("s3cret");
    assertThat(current()).isEqualTo(THEIRS);
    assertThat(setCalls()).as("only the test's own set").isEqualTo(1);
  }

  @Test
  void anotherSystemsUrlIsReplacedWhenTheMerchantsConfigurationGivesTheCallbackToTheProduct()
      throws Exception {
    set(THEIRS);
    MerchantClient client = merchants.find(MCHID).orElseThrow();
    merchants.register(owned(MCHID));
    assertThat(merchants.find(MCHID).orElseThrow()).isNotSameAs(client);

    CallbackResult result = activities.setCallback(new CallbackRequest(MCHID, OURS));

    assertThat(result.outcome()).isEqualTo(CallbackResult.SET);
    assertThat(result.currentHost()).isEqualTo("crm.example.com");
    assertThat(result.detail()).contains("callback-owned");
    assertThat(current()).isEqualTo(OURS);
  }

  @Test
  void aNotFoundAnswerToTheQueryMeansNoneIsSet() throws Exception {
    // What WeChat Pay answers for a merchant without a callback is not documented: 404 is one
    // guess.
    sandboxPut(
        "/sandbox/faults",
        "{\"seed\": 1, \"rules\": [{\"endpoint\": \"query_callback\", \"error_rate\": 1.0,"
            + " \"error_status\": 404, \"error_code\": \"RESOURCE_NOT_EXISTS\","
            + " \"error_message\": \"回调地址不存在\"}]}");

    CallbackResult result = activities.setCallback(new CallbackRequest(MCHID, OURS));

    assertThat(result.outcome()).isEqualTo(CallbackResult.SET);
    assertThat(setCalls()).isEqualTo(1);
  }

  @Test
  void aFailingQueryIsRetriedNotTakenForUnset() throws Exception {
    set(THEIRS);
    sandboxPut(
        "/sandbox/faults",
        "{\"seed\": 1, \"rules\": [{\"endpoint\": \"query_callback\", \"error_rate\": 1.0}]}");

    assertThatThrownBy(() -> activities.setCallback(new CallbackRequest(MCHID, OURS)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo("SYSTEM_ERROR");
            });
    sandboxDelete("/sandbox/faults");
    assertThat(current()).isEqualTo(THEIRS);
  }

  @Test
  void aUrlWeChatPayRefusesFailsAtOnceWithoutACall() throws Exception {
    for (String url :
        List.of(
            "http://campaigns.example.com/wechatpay/notifications/coupon",
            "https://campaigns.example.com/wechatpay/notifications/coupon?merchant=1")) {
      assertThatThrownBy(() -> activities.setCallback(new CallbackRequest(MCHID, url)))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.isNonRetryable()).isTrue();
                assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_NOTIFY_URL);
                assertThat(f.getOriginalMessage())
                    .contains("campaigns.workflow.notify-url")
                    .doesNotContain("merchant=1");
              });
    }
    assertThat(stats()).doesNotContainKey("query_callback").doesNotContainKey("set_callback");
  }

  private MerchantCredentials owned(String mchid) {
    MerchantCredentials c =
        new MerchantCredentialsLoader(
                new WechatPayProperties(
                    sandbox.baseUrl(),
                    sandbox.baseUrl(),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    500,
                    List.of()))
            .load().stream().filter(m -> m.mchid().equals(mchid)).findFirst().orElseThrow();
    return new MerchantCredentials(
        c.mchid(),
        c.appids(),
        c.merchantSerialNumber(),
        c.privateKeyPem(),
        c.apiV3Key(),
        c.publicKeyId(),
        c.publicKeyPem(),
        c.mode(),
        c.rateLimitPerSecond(),
        c.merchantCertificatePem(),
        true);
  }

  /** Sets the callback as another system of the merchant would. */
  private void set(String url) {
    SetCallbackRequest r = new SetCallbackRequest();
    r.setMchid(MCHID);
    r.setNotifyUrl(url);
    merchants.find(MCHID).orElseThrow().coupons().setCallback(r);
  }

  private String current() {
    QueryCallbackRequest q = new QueryCallbackRequest();
    q.setMchid(MCHID);
    return merchants.find(MCHID).orElseThrow().coupons().queryCallback(q).getNotifyUrl();
  }

  private long setCalls() throws Exception {
    var setCallback = stats().get("set_callback");
    return setCallback == null ? 0 : ((Number) setCallback.get("total")).longValue();
  }

  @SuppressWarnings("unchecked")
  private java.util.Map<String, java.util.Map<String, Object>> stats() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/stats")).build(),
            HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readValue(r.body(), java.util.Map.class);
  }

  private void sandboxPut(String path, String json) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private void sandboxDelete(String path) throws Exception {
    http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
