package com.campaigns.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One process of the stack under test (the dev server, the sandbox, a worker, the API), started
 * from the command line it ships with. Its output is appended to one log file across restarts, so a
 * failure report shows what every incarnation said.
 */
public final class ManagedProcess {

  private static final List<ManagedProcess> LIVE = new ArrayList<>();

  static {
    // A test JVM that ends abruptly (a Failsafe timeout, Ctrl-C) must not leave processes behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  List<ManagedProcess> live;
                  synchronized (LIVE) {
                    live = new ArrayList<>(LIVE);
                  }
                  live.forEach(ManagedProcess::kill);
                },
                "e2e-process-cleanup"));
  }

  private final String name;
  private final List<String> command;
  private final Path workDir;
  private final Path log;
  private Process process;
  private long startedNanos;

  ManagedProcess(String name, List<String> command, Path workDir, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.workDir = workDir;
    this.log = log;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /** Starts the process (again); its output is appended to {@link #log()}. */
  public synchronized ManagedProcess start() {
    if (alive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "\n===== "
              + Instant.now()
              + " e2e starts "
              + name
              + ": "
              + String.join(" ", command)
              + "\n\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
    }
    startedNanos = System.nanoTime();
    synchronized (LIVE) {
      LIVE.add(this);
    }
    Console.step("started %s (pid %d)", name, process.pid());
    return this;
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /**
   * Polls {@code ready} every half second until it holds; fails with the log's tail when the
   * process dies first or {@code timeout} passes.
   */
  public void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!alive()) {
        throw new IllegalStateException(
            name + " exited (code " + exitCode() + ") before " + what + "\n" + tail(60));
      }
      boolean ok;
      try {
        ok = ready.getAsBoolean();
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        Console.step("%s ready %d s after its start (%s)", name, seconds, what);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " not ready within " + timeout.toSeconds() + " s (" + what + ")\n" + tail(60));
      }
      sleep(500);
    }
  }

  /** SIGTERM, then SIGKILL after {@code grace}. */
  public synchronized void stop(Duration grace) {
    if (process == null) {
      return;
    }
    ProcessHandle handle = process.toHandle();
    List<ProcessHandle> children = handle.descendants().toList();
    handle.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        Console.step("%s did not stop within %d s: killing it", name, grace.toSeconds());
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    forget();
  }

  /** SIGKILL (kill -9) of the process and anything it started; waits until it is gone. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    ProcessHandle handle = process.toHandle();
    handle.descendants().forEach(ProcessHandle::destroyForcibly);
    handle.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forget();
  }

  private void forget() {
    synchronized (LIVE) {
      LIVE.remove(this);
    }
  }

  private synchronized String exitCode() {
    return process != null && !process.isAlive() ? String.valueOf(process.exitValue()) : "?";
  }

  /** The last {@code lines} lines of the log, headed by the file's name. */
  public String tail(int lines) {
    try {
      if (!Files.exists(log)) {
        return "(" + log + " does not exist)";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "----- last "
          + Math.min(lines, all.size())
          + " lines of "
          + log
          + "\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(" + log + " unreadable: " + e + ")";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
