package com.campaigns.ledger.audience;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The audience store, chosen by {@code campaigns.audiences.store}: {@code database} (the default)
 * keeps audiences in the ledger's database, which the API and every worker already share; {@code
 * file} keeps them in {@code campaigns.audiences.dir}, which every process must then see (one
 * machine, or a shared mount). Either refuses an upload past {@code campaigns.audiences.max-bytes},
 * {@code max-line-length} or {@code max-recipients} ({@link AudienceLimits}).
 */
@Configuration(proxyBeanMethods = false)
public class AudienceConfiguration {

  @Bean
  AudienceLimits audienceLimits(
      @Value("${campaigns.audiences.max-bytes:512MB}") DataSize maxBytes,
      @Value("${campaigns.audiences.max-line-length:1024}") int maxLineLength,
      @Value("${campaigns.audiences.max-recipients:10000000}") long maxRecipients) {
    return new AudienceLimits(maxBytes.toBytes(), maxLineLength, maxRecipients);
  }

  @Bean
  AudienceStore audienceStore(
      @Value("${campaigns.audiences.store:database}") String store,
      @Value("${campaigns.audiences.dir:.data/audiences}") String dir,
      ObjectProvider<DataSource> dataSource,
      AudienceLimits limits) {
    return switch (store.strip()) {
      case "database" -> new DatabaseAudienceStore(dataSource.getObject(), limits);
      case "file" -> new FileAudienceStore(Path.of(dir), limits);
      default ->
          throw new IllegalStateException(
              "campaigns.audiences.store must be \"database\" or \"file\", not \"" + store + "\"");
    };
  }
}
