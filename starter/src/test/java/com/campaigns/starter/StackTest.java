package com.campaigns.starter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real port, its WorkflowClient the time-skipping Temporal test
 * environment, with a worker, the sandbox and an H2 ledger. Every test class using it shares one
 * application context (and so one Temporal service, one sandbox clock and one worker).
 *
 * <p>The port is chosen before startup ({@link StackInitializer}) rather than at random by Spring:
 * the COUPON.USE callback URL given to the workflows must contain it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "campaigns.workflow.segment-size=100",
      "campaigns.workflow.stock-check-interval=30m",
      // Four eyes above ¥100 000: only CampaignApprovalIT's campaigns are that large.
      "campaigns.approval.thresholds.1900000001=10000000",
      "campaigns.approval.thresholds.1900000002=10000000"
    })
@ContextConfiguration(initializers = StackInitializer.class)
@Import(StackConfiguration.class)
@AutoConfigureObservability
public @interface StackTest {}
