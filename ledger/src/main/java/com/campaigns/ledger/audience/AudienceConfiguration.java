package com.campaigns.ledger.audience;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audience store. Every worker and API replica must see the same directory ({@code
 * campaigns.audiences.dir}): a local path for one machine, a shared mount in production.
 */
@Configuration(proxyBeanMethods = false)
public class AudienceConfiguration {

  @Bean
  AudienceStore audienceStore(@Value("${campaigns.audiences.dir:.data/audiences}") String dir) {
    return new AudienceStore(Path.of(dir));
  }
}
