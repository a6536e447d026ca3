package com.campaigns.starter;

import com.campaigns.activities.flow.FlowActivitiesImpl;
import com.campaigns.activities.issuance.IssuanceActivitiesImpl;
import com.campaigns.activities.issuance.IssuanceSettings;
import com.campaigns.activities.ledger.LedgerActivitiesImpl;
import com.campaigns.activities.stock.StockActivitiesImpl;
import com.campaigns.ledger.LedgerConfiguration.Ledger;
import com.campaigns.ledger.audience.AudienceStore;
import com.campaigns.starter.campaign.WorkflowProperties;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.TemporalNames;
import com.campaigns.workflows.campaign.CampaignTidyUpWorkflowImpl;
import com.campaigns.workflows.campaign.CampaignWorkflowImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the API needs around it in tests: the search attributes on the in-memory Temporal service,
 * and a worker on it built from the real activity implementations over the application's own
 * DataSource, audience store and merchants (like {@code CampaignHarness} in activities).
 */
@TestConfiguration(proxyBeanMethods = false)
class StackConfiguration {

  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> campaignSearchAttributes() {
    return options ->
        options
            .registerSearchAttribute(
                TemporalNames.CAMPAIGN_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute(
                TemporalNames.CAMPAIGN_STATUS.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute(
                TemporalNames.STOCK_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute(
                TemporalNames.MCHID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }

  /**
   * Each context of the test stack listens on a port of its own, but the sandbox is shared: point
   * its merchants' callbacks at this context, as ops do after moving the notify URL. Otherwise the
   * previous context's URL is another URL to this one's campaigns, which pause with
   * CALLBACK_CONFLICT.
   */
  @Bean
  ApplicationRunner callbacksToThisStack(WechatMerchants merchants, WorkflowProperties workflow) {
    return args -> merchants.all().forEach(m -> SandboxStocks.callback(m, workflow.notifyUrl()));
  }

  @Bean(destroyMethod = "shutdownNow")
  WorkerFactory campaignWorker(
      TestWorkflowEnvironment env,
      Ledger ledger,
      AudienceStore audiences,
      WechatMerchants merchants,
      MeterRegistry meters) {
    TestSandbox.followClock(env::currentTimeMillis);
    WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    var worker = factory.newWorker(TemporalNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        CampaignWorkflowImpl.class, CampaignTidyUpWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StockActivitiesImpl(merchants, ledger.uses()),
        new IssuanceActivitiesImpl(
            merchants,
            audiences,
            ledger.issuance(),
            ledger.slots(),
            IssuanceSettings.defaults(),
            meters),
        new FlowActivitiesImpl(
            merchants,
            ledger.flows(),
            ledger.issuance(),
            ledger.uses(),
            ledger.reconciliations(),
            meters),
        new LedgerActivitiesImpl(ledger.campaigns()));
    factory.start();
    return factory;
  }
}
