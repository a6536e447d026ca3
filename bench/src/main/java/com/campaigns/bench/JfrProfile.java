package com.campaigns.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a worker's CPU goes, from a JFR recording's execution samples (jdk.ExecutionSample, the
 * same data as {@code jfr print --events jdk.ExecutionSample}): each sample is charged to the
 * component of its top frame.
 */
final class JfrProfile {

  /** Component of a class, by package, in the order the checks run. */
  private static final List<Map.Entry<String, String>> COMPONENTS = List.of(
      Map.entry("sun.security.", "RSA signing and verifying (JCA)"),
      Map.entry("java.math.", "RSA signing and verifying (JCA)"),
      Map.entry("com.sun.crypto.", "AES-GCM payload codec (JCA)"),
      Map.entry("javax.crypto.", "AES-GCM payload codec (JCA)"),
      Map.entry("com.wechat.pay.", "wechatpay-java (other than crypto)"),
      Map.entry("okhttp3.", "HTTP client (OkHttp, Okio, sockets)"),
      Map.entry("okio.", "HTTP client (OkHttp, Okio, sockets)"),
      Map.entry("sun.nio.", "HTTP client (OkHttp, Okio, sockets)"),
      Map.entry("java.net.", "HTTP client (OkHttp, Okio, sockets)"),
      Map.entry("org.h2.", "ledger and send slots (H2)"),
      Map.entry("com.zaxxer.hikari.", "ledger and send slots (H2)"),
      Map.entry("org.springframework.jdbc.", "ledger and send slots (H2)"),
      Map.entry("io.temporal.", "Temporal SDK and gRPC"),
      Map.entry("io.grpc.", "Temporal SDK and gRPC"),
      Map.entry("com.google.protobuf.", "Temporal SDK and gRPC"),
      Map.entry("io.netty.", "Temporal SDK and gRPC"),
      Map.entry("com.fasterxml.jackson.", "JSON (Jackson)"),
      Map.entry("com.google.gson.", "JSON (Gson, in wechatpay-java)"),
      Map.entry("io.micrometer.", "metrics (Micrometer)"),
      Map.entry("com.campaigns.", "campaigns code"),
      Map.entry("java.util.regex.", "regular expressions (JDK)"),
      Map.entry("java.", "other JDK code"),
      Map.entry("jdk.", "other JDK code"),
      Map.entry("sun.", "other JDK code"),
      Map.entry("org.springframework.", "Spring"),
      Map.entry("org.apache.", "Tomcat and Apache libraries"));

  private JfrProfile() {}

  /** The component a class belongs to. */
  static String component(String className) {
    for (Map.Entry<String, String> e : COMPONENTS) {
      if (className.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return "other";
  }

  /** Execution samples per component, most first. */
  static Map<String, Long> byComponent(Path recording) {
    Map<String, Long> counts = new HashMap<>();
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
            || event.getStackTrace().getFrames().isEmpty()) {
          continue;
        }
        RecordedFrame top = event.getStackTrace().getFrames().get(0);
        counts.merge(component(top.getMethod().getType().getName()), 1L, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sorted(counts);
  }

  /** Counts sorted by value, largest first (ties by name). */
  static Map<String, Long> sorted(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
