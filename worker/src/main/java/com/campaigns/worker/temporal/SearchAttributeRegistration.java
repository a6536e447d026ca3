package com.campaigns.worker.temporal;

import com.campaigns.workflows.TemporalNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Adds the campaign search attributes to the namespace when they are missing, before the workers
 * start polling (runners run before the starter starts the workers on ApplicationReadyEvent). The
 * workflow upserts them on its first task, which fails while they are unknown to the server.
 *
 * <p>Each attribute is added on its own and "already exists" is success (the dev server answers
 * success, the Java test server ALREADY_EXISTS), so this is idempotent on both. A server that stays
 * unreachable fails the startup after {@link #PATIENCE}, saying so.
 */
@Component
@ConditionalOnProperty("campaigns.worker.register-search-attributes")
class SearchAttributeRegistration implements ApplicationRunner {

  static final List<SearchAttributeKey<String>> KEYS =
      List.of(
          TemporalNames.CAMPAIGN_ID,
          TemporalNames.CAMPAIGN_STATUS,
          TemporalNames.STOCK_ID,
          TemporalNames.MCHID);
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private final WorkflowClient client;

  SearchAttributeRegistration(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    String namespace = client.getOptions().getNamespace();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(client.getWorkflowServiceStubs().getOptions())
                .validateAndBuildWithDefaults());
    try {
      for (SearchAttributeKey<String> key : KEYS) {
        register(operator, namespace, key.getName());
      }
    } finally {
      operator.shutdown();
      operator.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void register(OperatorServiceStubs operator, String namespace, String name)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        operator
            .blockingStub()
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .build());
        log.info("search attribute {} (Keyword) is registered in namespace {}", name, namespace);
        return;
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.ALREADY_EXISTS) {
          log.info("search attribute {} already exists in namespace {}", name, namespace);
          return;
        }
        boolean transientError =
            code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
        if (!transientError || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "cannot register search attribute "
                  + name
                  + " in namespace "
                  + namespace
                  + " (campaigns.worker.register-search-attributes=true): "
                  + e.getStatus(),
              e);
        }
        log.info("Temporal is not reachable yet ({}); retrying", code);
        Thread.sleep(1000);
      }
    }
  }
}
