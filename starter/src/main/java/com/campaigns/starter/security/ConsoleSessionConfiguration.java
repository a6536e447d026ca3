package com.campaigns.starter.security;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's session lifetime and sign-in throttle ({@code campaigns.console.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleSecurityProperties.class)
class ConsoleSessionConfiguration {

  @Bean
  SignInThrottle signInThrottle(ConsoleSecurityProperties properties, Clock clock) {
    return new SignInThrottle(properties.signIn(), clock);
  }
}
