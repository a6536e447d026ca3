package com.campaigns.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.cli.JsonHttp;
import com.campaigns.workflows.model.CampaignSpec;
import com.campaigns.workflows.rules.SpecValidator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {

  private final Instant now = Instant.parse("2026-11-27T05:30:00.400Z");
  private final DemoScenario scenario = DemoScenario.at(now, DemoScenario.Settings.defaults());

  @Test
  void theSpecPassesTheProductsOwnValidation() throws Exception {
    JsonNode json = scenario.spec("aud-0123456789abcdef");
    CampaignSpec spec = JsonHttp.JSON.treeToValue(json, CampaignSpec.class);

    var violations =
        SpecValidator.validate(
            spec,
            SpecValidator.Context.at(now)
                .withAudiences(
                    Map.of("aud-0123456789abcdef", (long) scenario.uploadedOpenids().size())));

    assertThat(violations).isEmpty();
  }

  @Test
  void theSpecStaysValidWhenTheApiValidatesItSomeSecondsLater() throws Exception {
    CampaignSpec spec =
        JsonHttp.JSON.treeToValue(scenario.spec("aud-0123456789abcdef"), CampaignSpec.class);

    var violations =
        SpecValidator.validate(
            spec, SpecValidator.Context.at(now.plusSeconds(20)).withAudiences(id -> 1L));

    assertThat(violations).isEmpty();
  }

  @Test
  void showsTwoWavesOfMoreThanAThousandRecipientsAndAnAutomaticBudgetRestart() {
    JsonNode spec = scenario.spec("aud-0123456789abcdef");

    assertThat(spec.path("waves")).hasSize(2);
    assertThat(spec.path("waves").get(0).path("audience").path("openids")).hasSize(300);
    assertThat(spec.path("waves").get(1).path("audience").path("audience_id").asText())
        .isEqualTo("aud-0123456789abcdef");
    assertThat(scenario.recipients()).isGreaterThanOrEqualTo(1000);
    JsonNode threshold = spec.path("budget_guard").path("thresholds").get(0);
    assertThat(threshold.path("resume").asText()).isEqualTo("after");
    assertThat(threshold.path("resume_after").asText()).isEqualTo("PT20S");
    assertThat(spec.path("flows").path("ready_after").asText()).isEqualTo("PT5S");
    long budget = spec.path("stock").path("max_amount").asLong();
    assertThat(scenario.expectedIssued() * DemoScenario.COUPON_AMOUNT)
        .as("the campaign crosses the 50% threshold")
        .isGreaterThan(budget / 2);
  }

  @Test
  void theStockBeginsAboutHalfAMinuteAfterCreationAndEndsTwoMinutesLater() {
    assertThat(Duration.between(now, scenario.begin()))
        .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(30));
    assertThat(Duration.between(scenario.begin(), scenario.end())).isEqualTo(Duration.ofMinutes(2));
    assertThat(scenario.spec("a").path("stock").path("available_begin_time").asText())
        .endsWith("+08:00");
  }

  @Test
  void theUploadHasDuplicatesAnInvalidLineRepeatedAndAbnormalRecipients() {
    List<String> lines = scenario.uploadBody().lines().toList();
    Set<String> distinct = new HashSet<>(scenario.uploadedOpenids());

    assertThat(distinct).hasSize(900);
    assertThat(lines).contains("not an openid!");
    assertThat(lines.stream().filter(distinct::contains).count())
        .isEqualTo(900 + DemoScenario.DUPLICATES);
    assertThat(scenario.uploadedOpenids())
        .filteredOn(o -> o.startsWith("abnormal_"))
        .hasSize(DemoScenario.ABNORMAL);
    assertThat(scenario.uploadedOpenids())
        .containsAll(scenario.inlineOpenids().subList(0, DemoScenario.OVERLAP));
    assertThat(scenario.expectedIssued())
        .isEqualTo(1200 - DemoScenario.OVERLAP - DemoScenario.ABNORMAL);
  }
}
