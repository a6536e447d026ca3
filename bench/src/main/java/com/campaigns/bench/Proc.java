package com.campaigns.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process the bench starts (dev server, sandbox, worker, API): output to its own log file, a
 * readiness wait, its CPU time (with its children's) for the cost-per-coupon figures, and a stop
 * that never leaves it behind, not even when the bench itself is interrupted.
 */
record Proc(String name, Path log, Process process) {

  private static final List<Proc> RUNNING = new CopyOnWriteArrayList<>();

  /** The local stack's default ports: a developer's ./campaigns up may be using them. */
  private static final Set<Integer> RESERVED = Set.of(7233, 8233, 8080, 8081, 8082, 8090, 55432);

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(p -> p.stop(Duration.ZERO)), "bench-stop-processes"));
  }

  static Proc start(String name, List<String> command, Path workDir, Path logDir) {
    Path log = logDir.resolve(name + ".log");
    try {
      Files.createDirectories(logDir);
      Files.writeString(log, String.join(" ", command) + "\n\n");
      Process p =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      Proc proc = new Proc(name, log, p);
      RUNNING.add(proc);
      Console.say("  started %s (pid %d), log %s", name, p.pid(), log);
      return proc;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  long pid() {
    return process.pid();
  }

  /**
   * Polls {@code ready} twice a second; fails with the end of the log when the process exits or
   * time runs out.
   */
  void awaitReady(Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!safely(ready)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " not ready after " + timeout.toSeconds() + " s; see " + log);
      }
      sleep(500);
    }
  }

  /** CPU time of the process and everything it started, so far. */
  Duration cpu() {
    Duration total = process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    for (ProcessHandle child : process.toHandle().descendants().toList()) {
      total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
    }
    return total;
  }

  /** SIGTERM, SIGKILL after {@code grace}; children too. */
  void stop(Duration grace) {
    List<ProcessHandle> children = process.toHandle().descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    RUNNING.remove(this);
  }

  /** A free port on 127.0.0.1 that is none of the local stack's defaults. */
  static synchronized int freePort() {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (!RESERVED.contains(s.getLocalPort())) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port");
  }

  /** Whether something accepts connections on 127.0.0.1:port. */
  static boolean listening(int port) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean safely(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Sleeps; an interrupt ends the bench (a Ctrl-C, the shutdown hook stops the processes). */
  static void sleep(long millis) {
    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    if (Thread.interrupted()) {
      throw new IllegalStateException("interrupted");
    }
  }
}
