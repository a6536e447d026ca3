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

  /** The packages of each component, in the order the checks run; null: generic JDK code. */
  private static final List<Map.Entry<String, List<String>>> COMPONENTS =
      List.of(
          Map.entry(
              "RSA signing and verifying (JCA)",
              List.of("sun.security.", "java.math.", "java.security.")),
          Map.entry("AES-GCM payload codec (JCA)", List.of("com.sun.crypto.", "javax.crypto.")),
          Map.entry(
              "wechatpay-java (other than crypto)", List.of("com.wechat.pay.", "com.google.gson.")),
          Map.entry(
              "HTTP client (OkHttp, Okio, sockets)",
              List.of("okhttp3.", "okio.", "sun.nio.ch.", "java.net.")),
          Map.entry(
              "ledger and send slots (H2, JDBC)",
              List.of(
                  "org.h2.",
                  "com.zaxxer.hikari.",
                  "org.springframework.jdbc.",
                  "org.springframework.transaction.")),
          Map.entry(
              "Temporal SDK and gRPC",
              List.of(
                  "io.temporal.", "io.grpc.", "com.google.protobuf.", "io.netty.", "io.perfmark.")),
          Map.entry("JSON (Jackson)", List.of("com.fasterxml.jackson.")),
          Map.entry("metrics (Micrometer)", List.of("io.micrometer.")),
          Map.entry("campaigns code (issuance loop, audiences)", List.of("com.campaigns.")),
          Map.entry("Spring and Tomcat", List.of("org.springframework.", "org.apache.")),
          Map.entry("logging", List.of("ch.qos.logback.", "org.slf4j.")));

  private JfrProfile() {}

  /**
   * The component a class belongs to, or null for generic code (java.*, jdk.*, sun.*, the Kotlin
   * stdlib of OkHttp).
   */
  public static String component(String className) {
    for (Map.Entry<String, List<String>> component : COMPONENTS) {
      if (component.getValue().stream().anyMatch(className::startsWith)) {
        return component.getKey();
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
