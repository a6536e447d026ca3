package com.campaigns.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1 for the suite's own processes, never one of the local stack's
 * defaults: a developer may have {@code ./campaigns up} running while the suite runs.
 */
final class Ports {

  /**
   * Temporal gRPC and Web UI, API, worker metrics, sandbox, the test PostgreSQL of ./campaigns
   * test.
   */
  private static final Set<Integer> RESERVED = Set.of(7233, 8233, 8080, 8081, 8082, 8090, 55432);

  private static final Set<Integer> handedOut = new HashSet<>();

  private Ports() {}

  static synchronized int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (!RESERVED.contains(port) && handedOut.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port on 127.0.0.1");
  }
}
