package com.campaigns.starter.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code campaigns.console.*}: how long a console session may last and how many failed sign-ins are
 * tolerated (docs/security.md). The idle timeout is {@code server.servlet.session.timeout}.
 *
 * @param sessionMaxLifetime a session ends this long after sign-in however active it is (open pages
 *     poll, so the idle timeout alone would never end it)
 * @param signIn failed sign-ins allowed per minute before the sign-in form answers 429
 */
@ConfigurationProperties("campaigns.console")
public record ConsoleSecurityProperties(
    @DefaultValue("12h") Duration sessionMaxLifetime, @DefaultValue SignIn signIn) {

  /**
   * @param maxFailuresPerAddress failed sign-ins from one client address in a minute
   * @param maxFailures failed sign-ins from all addresses together in a minute
   * @param maxAddresses addresses remembered within a minute (the oldest are forgotten first)
   */
  public record SignIn(
      @DefaultValue("10") int maxFailuresPerAddress,
      @DefaultValue("100") int maxFailures,
      @DefaultValue("10000") int maxAddresses) {

    public SignIn {
      if (maxFailuresPerAddress < 1 || maxFailures < 1 || maxAddresses < 1) {
        throw new IllegalArgumentException(
            "campaigns.console.sign-in.max-failures-per-address, max-failures and max-addresses"
                + " must be at least 1");
      }
    }
  }

  public ConsoleSecurityProperties {
    if (sessionMaxLifetime.isNegative() || sessionMaxLifetime.isZero()) {
      throw new IllegalArgumentException("campaigns.console.session-max-lifetime must be positive");
    }
  }
}
