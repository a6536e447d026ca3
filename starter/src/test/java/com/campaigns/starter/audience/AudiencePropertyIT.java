package com.campaigns.starter.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.campaigns.starter.ApiClient;
import com.campaigns.starter.ApiClient.Answer;
import com.campaigns.starter.SandboxCalls;
import com.campaigns.starter.StackTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Property: any audience body with any content type is answered 201 with counts that add up (kept
 * plus duplicates plus invalid lines never exceed the lines sent, each invalid line named by its
 * number) or refused with a 4xx and the SPEC's error body; never a 500, never a call to WeChat Pay.
 */
@StackTest
class AudiencePropertyIT {

  @LocalServerPort int port;

  static Gen<String> lines() {
    Gen<String> openid = strings().betweenCodePoints('0', 'z').ofLengthBetween(1, 40);
    Gen<String> anything = strings().allPossible().ofLengthBetween(0, 80);
    Gen<String> csv = openid.zip(anything, (a, b) -> a + "," + b);
    return Generate.oneOf(
        openid, anything, csv, Generate.constant(""), Generate.constant("openid"));
  }

  @Test
  void anyBodyIsCountedOrRefusedNeverA500AndWechatPayIsNotCalled() {
    ApiClient api = ApiClient.on(port);
    Gen<String> types =
        Generate.pick(
            Arrays.asList(
                "text/plain",
                "text/plain; charset=utf-8",
                "text/csv",
                "application/json",
                "application/octet-stream",
                "text/html",
                "garbage",
                null));
    Gen<String> separators = Generate.pick(Arrays.asList("\n", "\r\n", "\r"));
    long calls = SandboxCalls.total();
    qt().withExamples(300)
        .withFixedSeed(20265)
        .forAll(types, lists().of(lines()).ofSizeBetween(0, 60), separators)
        .checkAssert(
            (type, lines, sep) -> {
              String body = String.join(sep, lines);
              Answer a = api.post("/api/v1/audiences", type, body, Map.of());

              assertThat(a.status()).as("%s %s → %s", type, lines, a.text()).isLessThan(500);
              if (a.status() == 201) {
                JsonNode r = a.json();
                long accounted =
                    r.path("count").asLong()
                        + r.path("duplicates_removed").asLong()
                        + r.path("invalid_count").asLong();
                assertThat(accounted)
                    .as(a.text())
                    .isLessThanOrEqualTo(Math.max(1, body.lines().count()));
                r.path("invalid").forEach(i -> assertThat(i.path("line").asLong()).isPositive());
              } else {
                assertThat(a.status()).isBetween(400, 499);
                assertThat(a.error()).as(a.text()).isNotBlank();
                assertThat(a.json().path("message").asText()).isNotBlank();
              }
            });
    assertThat(SandboxCalls.total()).isEqualTo(calls);
  }
}
