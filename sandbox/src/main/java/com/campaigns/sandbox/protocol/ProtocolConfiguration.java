package com.campaigns.sandbox.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the APIv3 edge: the filter on {@code /v3/*} and the Tomcat valve that drops connections.
 */
@Configuration(proxyBeanMethods = false)
class ProtocolConfiguration {

  @Bean
  FilterRegistrationBean<ApiFilter> apiFilter(
      RequestVerifier verifier,
      ObjectProvider<FaultHook> faults,
      CallStats stats,
      ObjectMapper json) {
    FaultHook hook = faults.getIfAvailable(() -> endpoint -> FaultHook.FaultDecision.NONE);
    FilterRegistrationBean<ApiFilter> registration =
        new FilterRegistrationBean<>(new ApiFilter(verifier, hook, stats, json));
    registration.addUrlPatterns("/v3/*");
    return registration;
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionDropValve() {
    return factory -> factory.addContextValves(new ConnectionDropValve());
  }
}
