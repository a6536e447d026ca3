package com.campaigns.sandbox;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;

/**
 * Standalone entry point of the WeChat Pay favor sandbox (default 127.0.0.1:8090).
 *
 * <p>Auto-configuration is imported explicitly, not enabled wholesale: when another module embeds
 * the sandbox in its tests, that module's classpath (Temporal, JDBC, …) must not configure the
 * sandbox's context. Configuration comes from {@code sandbox.properties}, never a host module's
 * {@code application.properties}.
 */
@SpringBootConfiguration
@ComponentScan
@ConfigurationPropertiesScan
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  JacksonAutoConfiguration.class,
  HttpMessageConvertersAutoConfiguration.class,
  ServletWebServerFactoryAutoConfiguration.class,
  EmbeddedWebServerFactoryCustomizerAutoConfiguration.class,
  DispatcherServletAutoConfiguration.class,
  WebMvcAutoConfiguration.class
})
public class SandboxApplication {

  /** Properties every sandbox context starts from (lowest precedence). */
  static final Map<String, Object> BASE_PROPERTIES = Map.of("spring.config.name", "sandbox");

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(SandboxApplication.class);
    application.setDefaultProperties(
        Map.of("spring.config.name", "sandbox", "sandbox.data-dir", ".data/sandbox"));
    application.run(args);
  }
}
