package com.campaigns.starter.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code campaigns.console.*}.
 *
 * @param temporalUiUrl the Temporal Web UI a campaign's run is linked to, e.g. the local dev
 *     server's {@code http://127.0.0.1:8233} or {@code https://cloud.temporal.io}
 * @param refreshSeconds how often an open campaign page refreshes its progress and charts
 */
@ConfigurationProperties("campaigns.console")
public record ConsoleProperties(
    @DefaultValue("http://127.0.0.1:8233") String temporalUiUrl,
    @DefaultValue("2") int refreshSeconds) {

  public ConsoleProperties {
    temporalUiUrl = temporalUiUrl == null ? "" : temporalUiUrl.strip().replaceAll("/+$", "");
    if (refreshSeconds < 1 || refreshSeconds > 60) {
      throw new IllegalArgumentException(
          "campaigns.console.refresh-seconds must be between 1 and 60");
    }
  }
}
