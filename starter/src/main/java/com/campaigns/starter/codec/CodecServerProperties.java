package com.campaigns.starter.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code campaigns.codec-server.*}: the codec endpoint ({@code /codec/decode}, {@code
 * /codec/encode}).
 *
 * @param allowedOrigins the Temporal Web UI origins whose browsers may call it (CORS)
 * @param maxBodySize larger requests are refused (413)
 */
@ConfigurationProperties("campaigns.codec-server")
public record CodecServerProperties(
    @DefaultValue({"http://127.0.0.1:8233", "http://localhost:8233"}) List<String> allowedOrigins,
    @DefaultValue("8MB") DataSize maxBodySize) {

  public CodecServerProperties {
    allowedOrigins = List.copyOf(allowedOrigins);
    if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "campaigns.codec-server.max-body-size must be between 1KB and 2GB");
    }
  }
}
