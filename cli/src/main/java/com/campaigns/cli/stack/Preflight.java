package com.campaigns.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What must hold before a stack starts: its exec jars built, its fixed ports free. */
public final class Preflight {

  private Preflight() {}

  /**
   * Fails unless the exec jars exist and, on fixed ports, every port the stack will bind is free.
   */
  static void check(StackOptions o, int temporalPort, int uiPort, int sandboxPort, int apiPort) {
    for (String module : List.of(Pinned.SANDBOX, Pinned.WORKER, Pinned.API)) {
      Path jar = Pinned.jar(o.root(), module);
      if (!Files.isRegularFile(jar)) {
        throw new StackException(
            jar + " is missing: build it first (./mvnw -B -DskipTests package)");
      }
    }
    if (!o.fixedPorts()) {
      return;
    }
    checkPort(temporalPort, "Temporal gRPC");
    if (o.temporal() == LocalStack.Temporal.DEV_SERVER) {
      checkPort(uiPort, "Temporal Web UI");
    }
    checkPort(sandboxPort, "sandbox");
    for (int n = 1; n <= o.workers(); n++) {
      checkPort(Pinned.WORKER_PORT + n - 1, LocalStack.workerName(n) + " metrics and health");
    }
    checkPort(apiPort, "API");
  }

  /** Fails when something listens on a fixed port, saying how to find it. */
  public static void checkPort(int port, String what) {
    if (Ports.listening(port)) {
      throw new StackException(
          "port "
              + port
              + " ("
              + what
              + ") is already in use on 127.0.0.1. Is another "
              + "./campaigns up running? Find the process with: ss -ltnp 'sport = :"
              + port
              + "'");
    }
  }
}
