package com.campaigns.ledger.audience;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audience store, chosen by {@code campaigns.audiences.store}: {@code database} (the default)
 * keeps audiences in the ledger's database, which the API and every worker already share; {@code
 * file} keeps them in {@code campaigns.audiences.dir}, which every process must then see (one
 * machine, or a shared mount).
 */
@Configuration(proxyBeanMethods = false)
public class AudienceConfiguration {

  @Bean
  AudienceStore audienceStore(
      @Value("${campaigns.audiences.store:database}") String store,
      @Value("${campaigns.audiences.dir:.data/audiences}") String dir,
      ObjectProvider<DataSource> dataSource) {
    return switch (store.strip()) {
      case "database" -> new DatabaseAudienceStore(dataSource.getObject());
      case "file" -> new FileAudienceStore(Path.of(dir));
      default ->
          throw new IllegalStateException(
              "campaigns.audiences.store must be \"database\" or \"file\", not \"" + store + "\"");
    };
  }
}
