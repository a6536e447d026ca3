package com.campaigns.starter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.campaigns.ledger.CampaignIndex;
import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.starter.Specs;
import com.campaigns.starter.security.Operator;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.model.CampaignInput;
import com.campaigns.workflows.model.CampaignPhase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API decides at the start whether a campaign needs four-eyes approval: the merchant's
 * threshold travels in the workflow input, and the answer given when no worker has run the workflow
 * yet says AWAITING_APPROVAL already. No worker polls here, so the status query fails.
 */
class CampaignStartsApprovalTest {

  final TestWorkflowEnvironment env = withSearchAttributes(TestWorkflowEnvironment.newInstance());
  final TemporalCalls calls =
      new TemporalCalls(new CampaignApiProperties(Duration.ofSeconds(1), false));
  final Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
  final CampaignStarts starts =
      starts(new ApprovalProperties(Map.of("1900000001", 10_000_000L), null));

  static TestWorkflowEnvironment withSearchAttributes(TestWorkflowEnvironment env) {
    for (String name : List.of("CampaignId", "CampaignStatus", "StockId", "Mchid")) {
      env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    return env;
  }

  @AfterEach
  void close() {
    calls.destroy();
    env.close();
  }

  CampaignStarts starts(ApprovalProperties approval) {
    CampaignIndex index = mock(CampaignIndex.class);
    when(index.insert(
            anyString(),
            anyString(),
            anyString(),
            anyString(),
            anyString(),
            anyString(),
            anyLong(),
            anyString()))
        .thenReturn(true);
    AudienceStore audiences = mock(AudienceStore.class);
    when(audiences.store(anyList()))
        .thenReturn(new AudienceStore.Receipt("aud-1", 3, 0, 0, List.of()));
    when(audiences.count(any())).thenReturn(Optional.of(3L));
    WechatMerchants merchants = mock(WechatMerchants.class);
    when(merchants.rateLimit(anyString(), anyInt())).thenReturn(200);
    when(merchants.appidsByMerchant()).thenReturn(m -> Set.of("wx0000000000000001"));
    return new CampaignStarts(
        env.getWorkflowClient(),
        index,
        audiences,
        merchants,
        new WorkflowProperties(null, null, null, null, null, null, null, null, null),
        new SpecReader(),
        Clock.fixed(now, ZoneOffset.UTC),
        calls,
        approval);
  }

  private byte[] spec(String id, int maxCoupons) {
    ObjectNode spec = Specs.farAhead(id, now);
    ((ObjectNode) spec.path("stock")).put("max_coupons", maxCoupons);
    return spec.toString().getBytes(StandardCharsets.UTF_8);
  }

  private CampaignInput input(String id) {
    Payloads input =
        env.getWorkflowClient()
            .fetchHistory(TemporalNames.workflowId(id))
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return DefaultDataConverter.newDefaultInstance()
        .fromPayloads(0, Optional.of(input), CampaignInput.class, CampaignInput.class);
  }

  @Test
  void aBudgetAboveTheThresholdIsAcceptedAsAwaitingApprovalWithTheThresholdInItsInput() {
    var started = starts.start(spec("big", 100_000), new Operator("test-marketer"));

    assertThat(started.created()).isTrue();
    assertThat(started.status().status()).isEqualTo(CampaignPhase.AWAITING_APPROVAL);
    assertThat(input("big").approvalThreshold()).isEqualTo(10_000_000L);
    assertThat(input("big").startedBy()).isEqualTo("test-marketer");
  }

  @Test
  void aBudgetAtTheThresholdIsAcceptedAsScheduled() {
    var started = starts.start(spec("even", 20_000), new Operator("test-marketer"));

    assertThat(started.status().status()).isEqualTo(CampaignPhase.SCHEDULED);
    assertThat(input("even").approvalThreshold()).isEqualTo(10_000_000L);
  }

  @Test
  void aMerchantWithoutThresholdStartsWithoutOne() {
    var started =
        starts(new ApprovalProperties(null, null))
            .start(spec("off", 100_000), new Operator("test-marketer"));

    assertThat(started.status().status()).isEqualTo(CampaignPhase.SCHEDULED);
    assertThat(input("off").approvalThreshold()).isNull();
  }
}
