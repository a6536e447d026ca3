package com.campaigns.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaigns.workflows.fixtures.CampaignSpecs;
import com.campaigns.workflows.model.CampaignState.PauseInfo;
import com.campaigns.workflows.model.CampaignState.SegmentState;
import com.campaigns.workflows.model.CampaignState.Stage;
import com.campaigns.workflows.model.CampaignState.WaveState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state a campaign carries across continue-as-new is read back by the next release: a long
 * campaign's run written by the old workers is continued by the new ones. Each release keeps a
 * fixture of its {@link CampaignInput} with every field set (src/test/resources/state/); every
 * fixture must still be read whole, so a field removed or renamed without a migration fails here.
 * Write the fixture of a release whose state changed with {@code
 * -Dcampaigns.writeStateFixture=campaign-input-vN.json}.
 */
class CampaignStateCompatibilityTest {

  static final Path FIXTURES = Path.of("src/test/resources/state");

  /** The fixture of the state this code writes. */
  static final String NEWEST = "campaign-input-v3.json";

  /** What the workers use for payloads (DefaultDataConverter), before the codec encrypts them. */
  static final ObjectMapper JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void stateWrittenByAnEarlierReleaseIsReadWhole(Path fixture) throws IOException {
    JsonNode stored = JSON.readTree(Files.readString(fixture, StandardCharsets.UTF_8));
    JsonNode readAgain = JSON.valueToTree(JSON.treeToValue(stored, CampaignInput.class));
    assertThat(lost(stored, readAgain, "$"))
        .as(
            "fields of %s the current code no longer reads (removed or renamed without a migration)",
            fixture.getFileName())
        .isEmpty();
  }

  @Test
  void theNewestFixtureHoldsEveryFieldTheCodeWrites() throws IOException {
    String write = System.getProperty("campaigns.writeStateFixture");
    if (write != null) {
      Files.writeString(
          FIXTURES.resolve(write),
          JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(everyFieldSet())
              + "\n");
    }
    JsonNode current = JSON.valueToTree(everyFieldSet());
    assertThat(nulls(current, "$")).as("fields everyFieldSet() leaves unset").isEmpty();
    JsonNode newest =
        JSON.readTree(Files.readString(FIXTURES.resolve(NEWEST), StandardCharsets.UTF_8));
    assertThat(lost(current, newest, "$"))
        .as(
            "fields the code writes that %s lacks: keep the old fixture and write one for this"
                + " release (-Dcampaigns.writeStateFixture=...), then point NEWEST at it",
            NEWEST)
        .isEmpty();
  }

  /** The paths of {@code from} missing from {@code to}, or holding another value there. */
  static List<String> lost(JsonNode from, JsonNode to, String path) {
    List<String> out = new ArrayList<>();
    if (from.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode there = to == null ? null : to.get(field.getKey());
        if (there == null) {
          out.add(path + "." + field.getKey());
        } else {
          out.addAll(lost(field.getValue(), there, path + "." + field.getKey()));
        }
      }
    } else if (from.isArray()) {
      for (int i = 0; i < from.size(); i++) {
        JsonNode there = to == null || !to.isArray() || i >= to.size() ? null : to.get(i);
        if (there == null) {
          out.add(path + "[" + i + "]");
        } else {
          out.addAll(lost(from.get(i), there, path + "[" + i + "]"));
        }
      }
    } else if (from.isNumber() && to.isNumber()) {
      if (from.decimalValue().compareTo(to.decimalValue()) != 0) {
        out.add(path + " (" + from + " became " + to + ")");
      }
    } else if (!from.equals(to)) {
      out.add(path + " (" + from + " became " + to + ")");
    }
    return out;
  }

  static List<String> nulls(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    if (node.isNull()) {
      out.add(path);
    }
    node.fields().forEachRemaining(f -> out.addAll(nulls(f.getValue(), path + "." + f.getKey())));
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      out.addAll(nulls(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** A campaign input in the middle of a paused wave, every field of its state set. */
  static CampaignInput everyFieldSet() {
    CampaignSpec spec = CampaignSpecs.sample(Instant.parse("2026-12-01T02:00:00Z"));
    CampaignState s = new CampaignState();
    s.campaignId = spec.campaignId();
    s.workflowId = "campaign-" + spec.campaignId();
    s.mchid = spec.mchid();
    s.stage = Stage.WAVES;
    s.phase = CampaignPhase.PAUSED;
    s.pause = pause(PauseReason.BUDGET_THRESHOLD, 1_796_000_000_000L);
    s.pendingPause = pause(PauseReason.MANUAL, 1_796_100_000_000L);
    s.resumeRequestedBy = "ops-alice";
    s.resumeAttempts = 2;
    s.cancelRequest = new CancelRequest("wrong audience", "ops-bob");
    s.scheduleVersion = 3;
    s.callbackPending = true;
    s.campaignKey = "k7f3a9";
    s.stockOutRequestNo = "1900000001-20261201-k7f3a9";
    s.couponPrefix = "1900000001k7f3a9";
    s.stockId = "98065001";
    s.stockStatus = StockStatus.PAUSED;
    WaveState wave = new WaveState();
    wave.name = "vip";
    wave.startAt = "2026-12-01T11:00:00+08:00";
    wave.audienceId = "aud-vip";
    wave.ratePerSecond = 200;
    wave.recipients = 12_000L;
    wave.status = WavePhase.PAUSED;
    SegmentState segment = new SegmentState();
    segment.done = true;
    segment.totals =
        new SegmentTotals(4_990, Map.of("RULE_LIMIT", 7L, "USER_ACCOUNT_ABNORMAL", 2L), 1);
    wave.segments.add(segment);
    s.waves.add(wave);
    s.nextWavePosition = 1;
    s.usedCount = 40;
    s.usedAmount = 20_000;
    s.thresholdFired.add(true);
    s.nextStockCheckAtMillis = 1_796_000_600_000L;
    s.history.add(
        new StatusDocument.HistoryEntry("2026-12-01T11:00:00+08:00", "WAVE_STARTED", "vip"));
    s.failure = new StatusDocument.Failure("NOT_ENOUGH", "批次预算不足");
    s.reconciliation =
        new StatusDocument.Reconciliation(false, 0, "issued 4990: flows unavailable", true);
    s.useFlowDownloaded = true;
    s.refundFlowDownloaded = true;
    s.flows = new CampaignState.FlowWait();
    s.flows.state = FlowsState.UNAVAILABLE;
    s.flows.expectedAtMillis = 1_796_200_000_000L;
    s.flows.deadlineAtMillis = 1_796_459_200_000L;
    s.flows.waitingSinceMillis = 1_796_200_000_000L;
    s.flows.nextTryAtMillis = 1_796_203_600_000L;
    s.flows.tries = 76;
    s.flows.lastAnswer = "400 INVALID_REQUEST 流水文件尚未生成";
    s.flows.unavailableReason = "WeChat Pay's refund flow did not appear by the deadline";
    s.indexBehindSinceMillis = 1_796_000_300_000L;
    s.publishedPhase = CampaignPhase.PAUSED;
    s.publishedStockId = "98065001";
    s.runs = 4;
    s.approval = new CampaignState.ApprovalInfo();
    s.approval.required = true;
    s.approval.threshold = 1_000_000;
    s.approval.requestedBy = "alice";
    s.approval.expiresAtMillis = 1_795_999_940_000L;
    s.approval.decision = ApprovalDecision.APPROVED;
    s.approval.decidedBy = "approver-ann";
    s.approval.decidedAtMillis = 1_795_990_000_000L;
    s.approval.note = "budget signed off";
    return new CampaignInput(
        spec,
        "sha256:3b1f",
        new CampaignSettings(
            5_000,
            2,
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            3_000,
            Duration.ofMinutes(5),
            "https://example.com/n",
            Duration.ofHours(1),
            Duration.ofDays(3)),
        "alice",
        s,
        1_000_000L);
  }

  private static PauseInfo pause(PauseReason reason, long resumeAt) {
    PauseInfo p = new PauseInfo(reason, "issued_amount reached 50%", "budget-guard", resumeAt);
    p.sinceMillis = resumeAt - 3_600_000;
    p.resumeTo = CampaignPhase.RUNNING;
    p.fromIssuance = true;
    return p;
  }
}
