package com.campaigns.cli.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One process of a stack (the dev server, the sandbox, a worker, the API), started from the command
 * line it ships with, in a session of its own (so that a Ctrl-C reaches only the JVM that stops the
 * stack in order). Its output goes to one log file: truncated at the first start, appended to at
 * every restart, so a failure report shows what every incarnation said. A JVM that ends abruptly
 * leaves none behind.
 */
public final class StackProcess {

  private static final List<StackProcess> LIVE = new CopyOnWriteArrayList<>();
  private static final List<Runnable> ON_SHUTDOWN = new CopyOnWriteArrayList<>();
  private static final boolean SETSID = new File("/usr/bin/setsid").canExecute();

  static {
    // One hook, so that the orderly stops run (the last registered first) before anything left is
    // killed:
    // JVM hooks run concurrently.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (int i = ON_SHUTDOWN.size() - 1; i >= 0; i--) {
                    ON_SHUTDOWN.get(i).run();
                  }
                  LIVE.forEach(StackProcess::kill);
                },
                "stack-process-cleanup"));
  }

  private final String name;
  private final List<String> command;
  private final Path workDir;
  private final Path log;
  private Process process;
  private int starts;

  public StackProcess(String name, List<String> command, Path workDir, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.workDir = workDir;
    this.log = log;
  }

  /**
   * Runs {@code stop} when the JVM ends (a Ctrl-C included), before the processes still running are
   * killed; the stops registered later run first (a demo's scenario ends before its stack stops).
   */
  public static void onShutdown(Runnable stop) {
    ON_SHUTDOWN.add(stop);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /** Starts the process (again). */
  public synchronized StackProcess start() {
    if (alive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    List<String> line = new ArrayList<>();
    if (SETSID) {
      line.add("/usr/bin/setsid");
    }
    line.addAll(command);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      String header =
          (starts == 0 ? "" : "\n")
              + "===== "
              + Instant.now()
              + " "
              + name
              + ": "
              + String.join(" ", command)
              + "\n\n";
      Files.writeString(
          log,
          header,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          starts == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(line)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
    }
    starts++;
    LIVE.add(this);
    return this;
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /**
   * Polls {@code ready} twice a second until it holds; fails, naming the log and quoting its end,
   * when the process exits first or {@code timeout} passes.
   */
  public void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!safely(ready)) {
      if (!alive()) {
        throw new StackException(
            name + " exited (code " + exitCode() + ") before " + what + ". " + tail(40));
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            name
                + " did not become ready within "
                + timeout.toSeconds()
                + " s ("
                + what
                + "). "
                + tail(40));
      }
      sleep(500);
    }
  }

  /** SIGTERM to the process, SIGKILL after {@code grace}; whatever it started goes too. */
  public synchronized void stop(Duration grace) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.toHandle().descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    LIVE.remove(this);
  }

  /** SIGKILL (kill -9) of the process and anything it started; waits until it is gone. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(this);
  }

  /** CPU time of the process and everything it started, so far. */
  public synchronized Duration cpu() {
    if (process == null) {
      return Duration.ZERO;
    }
    Duration total = process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    for (ProcessHandle child : process.toHandle().descendants().toList()) {
      total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
    }
    return total;
  }

  public synchronized String exitCode() {
    return process != null && !process.isAlive() ? String.valueOf(process.exitValue()) : "?";
  }

  /** The last {@code lines} lines of the log, headed by the file's name. */
  public String tail(int lines) {
    try {
      if (!Files.exists(log)) {
        return "(" + log + " does not exist)";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return "Last lines of "
          + log
          + ":\n"
          + new String(
              String.join("\n", last).getBytes(StandardCharsets.ISO_8859_1),
              StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return "(" + log + " unreadable: " + e + ")";
    }
  }

  private static boolean safely(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Sleeps; an interrupt ends the wait with an exception (the shutdown hook stops the processes).
   */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
