package com.campaigns.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link DataConverter} of the application, picked up by the Temporal Spring Boot starter
 * for its client, its workers and the test environment: Temporal's default JSON conversion with
 * every payload, failure messages and stack traces included, encrypted by {@link
 * AesGcmPayloadCodec}. The API and the worker both import this class, so they read each other's
 * payloads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecProperties.class)
@ConditionalOnProperty(
    name = "campaigns.codec.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class CodecConfiguration {

  @Bean
  AesGcmPayloadCodec payloadCodec(CodecProperties properties) {
    return new AesGcmPayloadCodec(
        properties.keyBytes(), properties.activeKeyId(), properties.requireEncrypted());
  }

  @Bean
  DataConverter mainDataConverter(AesGcmPayloadCodec codec) {
    return dataConverter(codec);
  }

  /**
   * {@code new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec),
   * true)}, with update rejections unwrapped ({@link UpdateRejectionFailureConverter}).
   */
  public static DataConverter dataConverter(AesGcmPayloadCodec codec) {
    DataConverter decoder =
        new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
    DefaultDataConverter json =
        DefaultDataConverter.newDefaultInstance()
            .withFailureConverter(new UpdateRejectionFailureConverter(decoder));
    return new CodecDataConverter(json, List.of(codec), true);
  }
}
