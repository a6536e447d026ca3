package com.campaigns.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the stack's own (Debian's {@code postgresql} package: initdb and pg_ctl
 * under /usr/lib/postgresql/N/bin), on a free port of 127.0.0.1, trust authentication, database and
 * user {@code campaigns}: the production ledger's engine for the real-server suite, the fault
 * campaign, the bench and {@code ./campaigns up --postgres}. As root, the server runs as user
 * postgres (initdb refuses root). {@link #close()} stops it; its data directory stays.
 */
public final class PrivatePostgres implements AutoCloseable {

  /** The oldest server the ledger's SQL runs on (MERGE), as docs/deployment.md says. */
  public static final int MINIMUM_MAJOR = 15;

  /** Where the server's programs and data are, and the port it listens on. */
  private record Cluster(Path bin, Path data, int port) {
    Path log() {
      return data.resolve("server.log");
    }
  }

  private final Cluster cluster;
  private boolean running;

  private PrivatePostgres(Cluster cluster) {
    this.cluster = cluster;
  }

  /** The newest installed server's bin directory, if PostgreSQL is installed. */
  public static Optional<Path> installed() {
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+"))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Starts a cluster in {@code data} (created with initdb when empty) and waits until it accepts
   * connections; {@code say} reports progress.
   */
  public static PrivatePostgres start(Path data, Consumer<String> say) {
    Path bin =
        installed()
            .orElseThrow(
                () ->
                    new StackException(
                        "PostgreSQL is not installed (Debian package postgresql, version "
                            + MINIMUM_MAJOR
                            + " or newer): ./campaigns test installs it; or apt-get install postgresql"));
    int major = Integer.parseInt(bin.getParent().getFileName().toString());
    if (major < MINIMUM_MAJOR) {
      throw new StackException(
          "PostgreSQL " + major + " is installed; the ledger needs " + MINIMUM_MAJOR + " or newer");
    }
    PrivatePostgres pg = new PrivatePostgres(new Cluster(bin, data, Ports.free()));
    try {
      Files.createDirectories(data);
      owned(data);
      if (!Files.exists(data.resolve("PG_VERSION"))) {
        say.accept("▶ initialising PostgreSQL " + major + " in " + data);
        pg.run(
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "campaigns",
                "--auth=trust",
                "-E",
                "UTF8"),
            120);
      }
      say.accept("▶ starting PostgreSQL " + major + " on 127.0.0.1:" + pg.cluster.port());
      pg.run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              data.toString(),
              "-l",
              pg.cluster.log().toString(),
              "-w",
              "-o",
              "-p " + pg.cluster.port() + " -k " + data + " -c listen_addresses=127.0.0.1",
              "start"),
          120);
      pg.running = true;
      StackProcess.onShutdown(pg::close);
      // createdb fails when it exists (a kept data directory): that is fine.
      pg.runQuietly(
          List.of(
              bin.resolve("createdb").toString(),
              "-h",
              "127.0.0.1",
              "-p",
              String.valueOf(pg.cluster.port()),
              "-U",
              "campaigns",
              "campaigns"));
      return pg;
    } catch (IOException e) {
      pg.close();
      throw new UncheckedIOException(e);
    }
  }

  /** JDBC URL of database {@code campaigns}, user {@code campaigns} (no password: trust). */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/campaigns?user=campaigns";
  }

  public int port() {
    return cluster.port();
  }

  /**
   * CPU time of the server's live processes (the postmaster and its backends; the backends of
   * pooled connections live as long as the pool, so this is what the stack's clients cost it).
   */
  public Duration cpu() {
    try {
      Duration total = Duration.ZERO;
      for (ProcessHandle p : serverProcesses()) {
        total = total.plus(p.info().totalCpuDuration().orElse(Duration.ZERO));
      }
      return total;
    } catch (RuntimeException e) {
      return Duration.ZERO;
    }
  }

  /**
   * {@code pg_ctl restart -m fast}: every connection is cut (transactions in flight roll back), the
   * server is back on the same port when this returns.
   */
  public void restart() {
    try {
      run(
          List.of(
              cluster.bin().resolve("pg_ctl").toString(),
              "-D",
              cluster.data().toString(),
              "-l",
              cluster.log().toString(),
              "-w",
              "-m",
              "fast",
              "-o",
              "-p " + cluster.port() + " -k " + cluster.data() + " -c listen_addresses=127.0.0.1",
              "restart"),
          120);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SIGSTOP of the server and its backends for {@code stall}, then SIGCONT: queries hang without an
   * error, as on a database host that stalls (I/O, a failover in progress).
   */
  public void stall(Duration stall) {
    List<String> pids = serverPids();
    List<String> stop = new ArrayList<>(List.of("kill", "-STOP"));
    stop.addAll(pids);
    List<String> cont = new ArrayList<>(List.of("kill", "-CONT"));
    cont.addAll(pids);
    LocalStack.signal(stop);
    try {
      Thread.sleep(stall.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      LocalStack.signal(cont);
    }
  }

  private List<String> serverPids() {
    return serverProcesses().stream().map(p -> String.valueOf(p.pid())).toList();
  }

  /** The postmaster (its pid is the first line of postmaster.pid) and its backends. */
  private List<ProcessHandle> serverProcesses() {
    try {
      long pid =
          Long.parseLong(
              Files.readAllLines(cluster.data().resolve("postmaster.pid")).get(0).strip());
      List<ProcessHandle> all = new ArrayList<>();
      ProcessHandle.of(pid)
          .ifPresent(
              postmaster -> {
                all.add(postmaster);
                all.addAll(postmaster.descendants().toList());
              });
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** pg_ctl stop -m fast; its data stays. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    runQuietly(
        List.of(
            cluster.bin().resolve("pg_ctl").toString(),
            "-D",
            cluster.data().toString(),
            "-m",
            "fast",
            "stop"));
  }

  private void run(List<String> command, int timeoutSeconds) throws IOException {
    Process p =
        new ProcessBuilder(asServerUser(command))
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    cluster.data().resolveSibling("postgres-setup.log").toFile()))
            .start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new StackException(
            String.join(" ", command)
                + " failed (see "
                + cluster.data().resolveSibling("postgres-setup.log")
                + " and "
                + cluster.log()
                + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while running " + command.get(0));
    }
  }

  private void runQuietly(List<String> command) {
    try {
      run(command, 60);
    } catch (IOException | StackException e) {
      // Best effort: reported by the next step that needs the server.
    }
  }

  private static List<String> asServerUser(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** As root, the data directory belongs to postgres. */
  private static void owned(Path dir) throws IOException {
    if (isRoot()) {
      Files.setOwner(
          dir,
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
