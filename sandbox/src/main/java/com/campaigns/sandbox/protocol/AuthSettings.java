package com.campaigns.sandbox.protocol;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sandbox.auth.*}.
 *
 * @param timestampWindow how far a request timestamp may lie behind or ahead of real time; nonces
 *     are remembered for as long (default 5 minutes)
 */
@ConfigurationProperties("sandbox.auth")
public record AuthSettings(Duration timestampWindow) {

  public AuthSettings {
    timestampWindow = timestampWindow == null ? Duration.ofMinutes(5) : timestampWindow;
  }
}
