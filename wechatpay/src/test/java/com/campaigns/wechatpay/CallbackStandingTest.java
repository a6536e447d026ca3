package com.campaigns.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whose the merchant's callback is, and what WeChat Pay accepts as one. */
class CallbackStandingTest {

  static final String OURS = "https://campaigns.example.com/wechatpay/notifications/coupon";

  @Test
  void unsetOursOwnedOrConflict() {
    assertThat(CallbackStanding.of(null, OURS, false)).isEqualTo(CallbackStanding.UNSET);
    assertThat(CallbackStanding.of("  ", OURS, false)).isEqualTo(CallbackStanding.UNSET);
    assertThat(CallbackStanding.of(OURS, OURS, false)).isEqualTo(CallbackStanding.OURS);
    assertThat(CallbackStanding.of(OURS + " ", OURS, true)).isEqualTo(CallbackStanding.OURS);
    assertThat(CallbackStanding.of("https://crm.example.com/wx", OURS, true))
        .isEqualTo(CallbackStanding.OWNED);
    assertThat(CallbackStanding.of("https://crm.example.com/wx", OURS, false))
        .isEqualTo(CallbackStanding.CONFLICT);
    assertThat(CallbackStanding.of(OURS + "/other", OURS, false))
        .as("another path on our own host is not ours")
        .isEqualTo(CallbackStanding.CONFLICT);
    assertThat(CallbackStanding.UNSET.sets()).isTrue();
    assertThat(CallbackStanding.OWNED.sets()).isTrue();
    assertThat(CallbackStanding.OURS.sets()).isFalse();
    assertThat(CallbackStanding.CONFLICT.sets()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "https://crm.example.com/wx/coupon?token=s3cret, crm.example.com",
    "https://user:pw@crm.example.com:8443/hook/s3cret, crm.example.com:8443",
    "http://127.0.0.1:8080/n, 127.0.0.1:8080",
    "crm.example.com/n, (no host)",
    "https://crm example.com/, (not a URL)"
  })
  void hostLeavesOutUserPathAndQuery(String url, String host) {
    assertThat(CallbackStanding.host(url)).isEqualTo(host);
  }

  @ParameterizedTest
  @CsvSource({
    "https://campaigns.example.com/wechatpay/notifications/coupon, false, ",
    "http://campaigns.example.com/n, false, must be an https URL",
    "http://campaigns.example.com/n, true, must be an https URL",
    "http://127.0.0.1:8080/n, false, must be an https URL",
    "http://127.0.0.1:8080/n, true, ",
    "http://localhost:8080/n, true, ",
    "https://campaigns.example.com/n?merchant=1, true, must not have a query string",
    "https://campaigns.example.com/n?, true, must not have a query string",
    "https://campaigns.example.com/n#x, false, must not have a fragment",
    "campaigns.example.com/n, false, must be an absolute https URL",
    "'', false, is required"
  })
  void notifyUrlRuleIsWeChatPaysOwn(String url, boolean loopback, String problem) {
    if (problem == null) {
      assertThat(NotifyUrlRule.problem(url, loopback)).isEmpty();
    } else {
      assertThat(NotifyUrlRule.problem(url, loopback))
          .hasValueSatisfying(p -> assertThat(p).startsWith(problem));
    }
  }

  @Test
  void aNotifyUrlLongerThan256CharactersIsRefused() {
    assertThat(NotifyUrlRule.problem("https://a.example/" + "n".repeat(240), false))
        .contains("must be at most 256 characters");
  }
}
