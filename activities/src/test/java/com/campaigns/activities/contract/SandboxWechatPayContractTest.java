package com.campaigns.activities.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.activities.SandboxMerchantClients;
import com.campaigns.sandbox.Sandbox;
import com.campaigns.sandbox.SandboxOptions;
import com.campaigns.wechatpay.MerchantClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The contract against the sandbox, as it plays its default alternatives. Subclasses play others
 * ({@link SandboxWechatPayContractAlternativesTest}) and check that the report names them.
 */
class SandboxWechatPayContractTest extends WechatPayContract {

  static final String MCHID = "1900000001";

  Sandbox sandbox;
  MerchantClient merchant;
  final AtomicLong offsetSeconds = new AtomicLong();

  /** The sandbox's settings for the alternatives this run plays. */
  Map<String, String> alternatives() {
    return Map.of();
  }

  @BeforeAll
  void startSandbox() {
    SandboxOptions.Builder options = SandboxOptions.builder();
    alternatives().forEach(options::property);
    sandbox = Sandbox.start(options.build());
    merchant = SandboxMerchantClients.client(sandbox, MCHID);
  }

  /**
   * The report names the alternative the sandbox played: what a real merchant's run tells about the
   * real API.
   */
  @Test
  @Order(100)
  void theReportNamesTheAlternativeThisWeChatPayShowed() {
    String repeated =
        "PARAM_ERROR".equals(alternatives().get("sandbox.unconfirmed.repeated-move"))
            ? "400 PARAM_ERROR"
            : "200";
    assertThat(report.observed("start of a running stock")).isEqualTo(repeated);
    assertThat(report.observed("pause of a paused stock")).isEqualTo(repeated);
    assertThat(report.observed("repeated create, same out_request_no and body"))
        .isEqualTo(
            "INVALID_REQUEST".equals(alternatives().get("sandbox.unconfirmed.repeated-create"))
                ? "400 INVALID_REQUEST"
                : "200, the same stock_id");
    assertThat(report.observed("send to a paused stock")).isEqualTo("400 INVALID_REQUEST");
    assertThat(report.observed("callback read when none is set / as set"))
        .isEqualTo(
            "NOT_FOUND".equals(alternatives().get("sandbox.unconfirmed.unset-callback"))
                ? "404 RESOURCE_NOT_EXISTS"
                : "200 without notify_url");
  }

  @AfterAll
  void stopSandbox() {
    sandbox.close();
  }

  @Override
  protected Target target() {
    return new Target() {
      @Override
      public MerchantClient merchant() {
        return merchant;
      }

      @Override
      public String appid() {
        return sandbox.merchant(MCHID).appids().get(0);
      }

      @Override
      public List<String> openids() {
        return List.of("contract-a", "contract-b");
      }

      @Override
      public boolean realStock() {
        return true;
      }

      @Override
      public Instant now() {
        return Instant.now().plusSeconds(offsetSeconds.get());
      }

      @Override
      public void waitUntil(Instant instant) {
        long ahead = Duration.between(now(), instant).toSeconds() + 1;
        if (ahead > 0) {
          setClock(offsetSeconds.addAndGet(ahead));
        }
      }

      @Override
      public String name() {
        return alternatives().isEmpty() ? "sandbox" : "sandbox-alternatives";
      }
    };
  }

  private void setClock(long offset) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/clock"))
                      .header("Content-Type", "application/json")
                      .PUT(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"offset_seconds\": " + offset + "}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("clock: " + r.statusCode() + " " + r.body());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
