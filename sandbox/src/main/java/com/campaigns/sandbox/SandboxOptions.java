package com.campaigns.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** How to start an embedded {@link Sandbox}. Build with {@link #builder()}. */
public final class SandboxOptions {

  private final String host;
  private final int port;
  private final LongSupplier businessClock;
  private final Path dataDir;
  private final Map<String, String> properties;

  private SandboxOptions(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.businessClock = builder.businessClock;
    this.dataDir = builder.dataDir;
    this.properties = Map.copyOf(builder.properties);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: 127.0.0.1, a random free port, wall-clock business time, keys in memory. */
  public static SandboxOptions defaults() {
    return builder().build();
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  LongSupplier businessClock() {
    return businessClock;
  }

  Path dataDir() {
    return dataDir;
  }

  Map<String, String> properties() {
    return properties;
  }

  /** Builder of {@link SandboxOptions}. */
  public static final class Builder {

    private String host = "127.0.0.1";
    private int port = 0;
    private LongSupplier businessClock;
    private Path dataDir;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder() {}

    /** Address to bind; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Base of the business clock in epoch millis, replacing wall time (the admin clock offset still
     * applies on top). Protocol timestamps stay on real time regardless.
     */
    public Builder businessClock(LongSupplier epochMillis) {
      this.businessClock = epochMillis;
      return this;
    }

    /** Keep generated credentials under this folder; default: generate them in memory. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Any sandbox or Spring property, e.g. {@code sandbox.notify.retry-interval=1s}. */
    public Builder property(String key, String value) {
      this.properties.put(key, value);
      return this;
    }

    public SandboxOptions build() {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      return new SandboxOptions(this);
    }
  }
}
