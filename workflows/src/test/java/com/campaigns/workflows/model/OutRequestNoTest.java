package com.campaigns.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutRequestNoTest {

  static final LocalDate DAY = LocalDate.of(2026, 11, 27);

  @Test
  void theSameRecipientAlwaysGetsTheSameKey() {
    String prefix =
        OutRequestNo.couponPrefix(
            "1900000001", DAY, OutRequestNo.campaignKey("1900000001", "c1", "run"));
    assertThat(OutRequestNo.forCoupon(prefix, 0, "o1"))
        .isEqualTo(OutRequestNo.forCoupon(prefix, 0, "o1"));
  }

  @Test
  void keysDifferByWaveOpenidAndCampaignRun() {
    String a =
        OutRequestNo.couponPrefix(
            "1900000001", DAY, OutRequestNo.campaignKey("1900000001", "c1", "run-a"));
    String b =
        OutRequestNo.couponPrefix(
            "1900000001", DAY, OutRequestNo.campaignKey("1900000001", "c1", "run-b"));
    assertThat(OutRequestNo.forCoupon(a, 0, "o1"))
        .isNotEqualTo(OutRequestNo.forCoupon(a, 1, "o1"))
        .isNotEqualTo(OutRequestNo.forCoupon(a, 0, "o2"))
        .isNotEqualTo(OutRequestNo.forCoupon(b, 0, "o1"));
  }

  @Test
  void keysFollowWechatPayFormatAndCharset() {
    String key = OutRequestNo.campaignKey("1900000001", "spring-2026", "7b1d");
    String stock = OutRequestNo.forStock("1900000001", DAY, key);
    String coupon =
        OutRequestNo.forCoupon(
            OutRequestNo.couponPrefix("1900000001", DAY, key), 12, "o" + "x".repeat(127));
    assertThat(stock).startsWith("190000000120261127S").hasSize(29);
    assertThat(OutRequestNo.isValid(stock)).isTrue();
    assertThat(OutRequestNo.isValid(coupon)).isTrue();
    assertThat(coupon.length()).isLessThanOrEqualTo(128);
  }

  @Test
  void noCollisionsAcrossAMillionRecipients() {
    String prefix = OutRequestNo.couponPrefix("1900000001", DAY, "ABCDEFGHIJ");
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1_000_000; i++) {
      keys.add(OutRequestNo.forCoupon(prefix, 0, "openid-" + i));
    }
    assertThat(keys).hasSize(1_000_000);
  }

  @Test
  void rejectsCharactersOutsideTheCharset() {
    assertThat(OutRequestNo.isValid("abc def")).isFalse();
    assertThat(OutRequestNo.isValid("abc/def")).isFalse();
    assertThat(OutRequestNo.isValid("")).isFalse();
    assertThat(OutRequestNo.isValid("a".repeat(129))).isFalse();
    assertThat(OutRequestNo.isValid("A|b_c*d-9")).isTrue();
  }
}
