package com.campaigns.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a worker's CPU goes, from a JFR recording's execution samples (jdk.ExecutionSample, the
 * data {@code jfr print --events jdk.ExecutionSample} prints). A sample is charged to the component
 * of its top frame; generic JDK frames (collections, locks, strings) are charged to the first
 * caller below them that belongs to a component, so "HashMap.get called by H2" counts as the
 * ledger.
 */
public final class JfrProfile {

  public static final String JDK = "JDK (not attributable)";

  /** Component of a class, by package, in the order the checks run; null: generic JDK code. */
  private static final List<Map.Entry<String, String>> COMPONENTS =
      List.of(
          Map.entry("sun.security.", "RSA signing and verifying (JCA)"),
          Map.entry("java.math.", "RSA signing and verifying (JCA)"),
          Map.entry("java.security.", "RSA signing and verifying (JCA)"),
          Map.entry("com.sun.crypto.", "AES-GCM payload codec (JCA)"),
          Map.entry("javax.crypto.", "AES-GCM payload codec (JCA)"),
          Map.entry("com.wechat.pay.", "wechatpay-java (other than crypto)"),
          Map.entry("com.google.gson.", "wechatpay-java (other than crypto)"),
          Map.entry("okhttp3.", "HTTP client (OkHttp, Okio, sockets)"),
          Map.entry("okio.", "HTTP client (OkHttp, Okio, sockets)"),
          Map.entry("sun.nio.ch.", "HTTP client (OkHttp, Okio, sockets)"),
          Map.entry("java.net.", "HTTP client (OkHttp, Okio, sockets)"),
          Map.entry("org.h2.", "ledger and send slots (H2, JDBC)"),
          Map.entry("com.zaxxer.hikari.", "ledger and send slots (H2, JDBC)"),
          Map.entry("org.springframework.jdbc.", "ledger and send slots (H2, JDBC)"),
          Map.entry("org.springframework.transaction.", "ledger and send slots (H2, JDBC)"),
          Map.entry("io.temporal.", "Temporal SDK and gRPC"),
          Map.entry("io.grpc.", "Temporal SDK and gRPC"),
          Map.entry("com.google.protobuf.", "Temporal SDK and gRPC"),
          Map.entry("io.netty.", "Temporal SDK and gRPC"),
          Map.entry("io.perfmark.", "Temporal SDK and gRPC"),
          Map.entry("com.fasterxml.jackson.", "JSON (Jackson)"),
          Map.entry("io.micrometer.", "metrics (Micrometer)"),
          Map.entry("com.campaigns.", "campaigns code (issuance loop, audiences)"),
          Map.entry("org.springframework.", "Spring and Tomcat"),
          Map.entry("org.apache.", "Spring and Tomcat"),
          Map.entry("ch.qos.logback.", "logging"),
          Map.entry("org.slf4j.", "logging"));

  private JfrProfile() {}

  /**
   * The component a class belongs to, or null for generic code (java.*, jdk.*, sun.*, the Kotlin
   * stdlib of OkHttp).
   */
  public static String component(String className) {
    for (Map.Entry<String, String> e : COMPONENTS) {
      if (className.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    if (className.startsWith("java.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("javax.")
        || className.startsWith("com.sun.")
        || className.startsWith("kotlin.")) {
      return null;
    }
    return "other libraries";
  }

  /** The component a stack (class names, top frame first) is charged to. */
  public static String charge(List<String> classesTopFirst) {
    for (String c : classesTopFirst) {
      String component = component(c);
      if (component != null) {
        return component;
      }
    }
    return JDK;
  }

  /** What a recording says: samples per component and per top method, most first. */
  public record Profile(
      long samples, Map<String, Long> byComponent, Map<String, Long> topMethods) {}

  public static Profile read(Path recording) {
    Map<String, Long> components = new HashMap<>();
    Map<String, Long> methods = new HashMap<>();
    long samples = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
            || event.getStackTrace() == null
            || event.getStackTrace().getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<String> classes = new ArrayList<>();
        for (RecordedFrame f : event.getStackTrace().getFrames()) {
          classes.add(f.getMethod().getType().getName());
        }
        components.merge(charge(classes), 1L, Long::sum);
        RecordedFrame top = event.getStackTrace().getFrames().get(0);
        methods.merge(
            top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Profile(samples, sorted(components), sorted(methods));
  }

  /** Counts sorted by value, largest first (ties by name). */
  public static Map<String, Long> sorted(Map<String, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
