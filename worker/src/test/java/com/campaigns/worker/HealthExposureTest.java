package com.campaigns.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpointWebExtension;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The worker's actuator has no authentication, so with its own application.yaml an anonymous {@code
 * /actuator/health} shows each component's status but none of its details (server version,
 * merchants' certificates, error messages); only the loopback-bound local profile shows them.
 */
class HealthExposureTest {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withConfiguration(
              AutoConfigurations.of(
                  EndpointAutoConfiguration.class,
                  WebEndpointAutoConfiguration.class,
                  HealthContributorAutoConfiguration.class,
                  HealthEndpointAutoConfiguration.class))
          .withBean(
              "temporal",
              HealthIndicator.class,
              () -> () -> Health.up().withDetail("server_version", "1.29.0").build());

  @Test
  void anonymousHealthShowsComponentsWithoutDetails() {
    runner.run(
        c -> {
          CompositeHealth health = anonymousHealth(c.getBean(HealthEndpointWebExtension.class));
          Map<String, HealthComponent> components = health.getComponents();
          assertThat(components).containsKey("temporal");
          assertThat(((Health) components.get("temporal")).getDetails()).isEmpty();
        });
  }

  @Test
  void theLocalProfileShowsDetails() {
    runner
        .withPropertyValues("spring.profiles.active=local")
        .run(
            c -> {
              CompositeHealth health = anonymousHealth(c.getBean(HealthEndpointWebExtension.class));
              assertThat(((Health) health.getComponents().get("temporal")).getDetails())
                  .containsEntry("server_version", "1.29.0");
            });
  }

  private static CompositeHealth anonymousHealth(HealthEndpointWebExtension health) {
    return (CompositeHealth)
        health.health(ApiVersion.V3, WebServerNamespace.SERVER, SecurityContext.NONE).getBody();
  }
}
