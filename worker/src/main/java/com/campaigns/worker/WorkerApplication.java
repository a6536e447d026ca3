package com.campaigns.worker;

import com.campaigns.activities.issuance.IssuanceConfiguration;
import com.campaigns.codec.CodecConfiguration;
import com.campaigns.ledger.LedgerConfiguration;
import com.campaigns.ledger.audience.AudienceConfiguration;
import com.campaigns.wechatpay.WechatPayConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The worker process: {@code CampaignWorkflow} and every activity on task queue {@code campaigns}.
 *
 * <p>Only this package and {@code com.campaigns.activities} are scanned, never {@code
 * com.campaigns} wholesale: the sandbox's beans live under {@code com.campaigns.sandbox}. The
 * workflow class is registered in application.yaml ({@code
 * spring.temporal.workers[0].workflow-classes}); the activity beans are found through their
 * {@code @ActivityImpl} annotation. The modules shared with the API are imported, not scanned: the
 * ledger and the audience store, the merchants (with the {@code merchants} health component) and
 * the payload codec. Flyway migrates the ledger before the workers start polling. Every payload is
 * encrypted with the same codec as the API's ({@link CodecConfiguration}).
 */
@SpringBootApplication(scanBasePackages = {"com.campaigns.worker", "com.campaigns.activities"})
@Import({
  LedgerConfiguration.class,
  AudienceConfiguration.class,
  WechatPayConfiguration.class,
  IssuanceConfiguration.class,
  CodecConfiguration.class
})
@EnableConfigurationProperties(WorkerSettings.class)
@EnableScheduling
public class WorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
