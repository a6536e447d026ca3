package com.campaigns.activities.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The flow download follows only WeChat Pay's https host and reads a bounded file. */
class FlowDownloadGuardTest {

  @Test
  void weChatPaysDownloadUrlIsFollowed() {
    String url = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=abc";
    assertThat(FlowDownloadGuard.checkedUrl(url, "use flow")).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://api.mch.weixin.qq.com/v3/billdownload/file?token=abc",
        "https://evil.example.com/v3/billdownload/file?token=abc",
        "https://api.mch.weixin.qq.com.evil.example.com/file",
        "https://user@api.mch.weixin.qq.com/file",
        "file:///etc/passwd",
        "not a url"
      })
  void anyOtherUrlIsRefusedForGood(String url) {
    assertThatThrownBy(() -> FlowDownloadGuard.checkedUrl(url, "use flow of stock 9"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("FLOW_URL_REFUSED");
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).startsWith("use flow of stock 9");
            });
  }

  @Test
  void aFileUpToTheCapIsCopiedAndALargerOneIsRefused() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(
            FlowDownloadGuard.copyCapped(
                new ByteArrayInputStream(new byte[100]), out, 100, "use flow"))
        .isEqualTo(100);
    assertThat(out.size()).isEqualTo(100);
    assertThatThrownBy(
            () ->
                FlowDownloadGuard.copyCapped(
                    new ByteArrayInputStream(new byte[101]),
                    new ByteArrayOutputStream(),
                    100,
                    "use flow"))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("FLOW_TOO_LARGE"));
  }
}
